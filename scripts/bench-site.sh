# Sourced by scripts/bench: the small, large and quick sizes (a WordPress site with uploads and a
# generated database) against tar --zstd + mysqldump | zstd, mydumper/myloader and tar -x + mariadb.

# site_bench SIZE: measures $runs runs in each cache state of $states and prints the table.
site_bench() {
  local size=$1 cache=$cache_root/$1
  : >"$results"  # one table per part: its own measurements
  site=$cache/blog
  if [[ ! -f $cache/.done ]]; then
    echo "generating the $size site in $cache" >&2
    rm -rf "$cache"; mkdir -p "$cache"
    cp -rL /usr/share/wordpress "$site"
    local up=$site/wp-content/uploads/2024 i d
    mkdir -p "$up"
    for ((i = 0; i < small_files; i++)); do
      d=$up/$((i % 12 + 1)); mkdir -p "$d"
      head -c $((8000 + (i * 7919) % 60000)) /dev/urandom >"$d/img-$i.jpg"
    done
    for ((i = 0; i < big_files; i++)); do head -c $((big_mb * 1048576)) /dev/urandom >"$up/video-$i.mp4"; done
    touch "$cache/.done"
  fi
  wpconfig "$site" blog
  "${M[@]}" blog -e "
    INSERT INTO wp_posts (post_author, post_date, post_date_gmt, post_content, post_title, post_excerpt, post_status, post_name, to_ping, pinged, post_modified, post_modified_gmt, post_content_filtered, guid)
      SELECT 1, NOW(), NOW(), REPEAT(CONCAT('Lorem ipsum dolor sit amet ', seq, '. '), 60), CONCAT('Post ', seq), '', 'publish', CONCAT('post-', seq), '', '', NOW(), NOW(), '', CONCAT('http://blog.example.test/?p=', seq) FROM seq_1_to_$posts;
    INSERT INTO wp_postmeta (post_id, meta_key, meta_value)
      SELECT seq % $posts + 1, CONCAT('_meta_', seq % 40), CONCAT('value ', seq, ' ', SHA2(seq, 256)) FROM seq_1_to_$postmeta;
    INSERT INTO wp_comments (comment_post_ID, comment_author, comment_author_email, comment_date, comment_date_gmt, comment_content, comment_approved)
      SELECT seq % $posts + 1, CONCAT('reader ', seq), 'r@example.test', NOW(), NOW(), REPEAT('Nice post! ', 20), '1' FROM seq_1_to_$((posts * 2));
    INSERT INTO wp_options (option_name, option_value, autoload)
      SELECT CONCAT('bench_option_', seq), CONCAT('a:1:{s:3:\"url\";s:31:\"http://blog.example.test/', LPAD(seq, 6, '0'), '\";}'), 'no' FROM seq_1_to_1000;"
  local files_mb files_n rows r
  files_mb=$(du -sm "$site" | cut -f1); files_n=$(find "$site" | wc -l)
  rows=$("${M[@]}" -N blog -e "SELECT SUM(TABLE_ROWS) FROM information_schema.TABLES WHERE TABLE_SCHEMA='blog'")
  repo=$work/repo; mkdir -p "$repo"
  export SITESNAP_REPO=$repo
  have_mydumper=0; command -v mydumper >/dev/null && have_mydumper=1
  for ((r = 1; r <= runs; r++)); do
    for st in "${states[@]}"; do
      echo "run $r/$runs, $st cache" >&2
      rm -rf "${repo:?}"/* "$work/peer" "$work/mydump"; mkdir -p "$work/peer"
      run=$r-$st
      alternate "$r" backup_sitesnap backup_peer
      ((have_mydumper)) && alternate "$r" backup_sitesnap_db backup_mydumper
      snap=$repo/$(snap_id "$repo" "run$run").tar.zst
      dbsnap=''; ((have_mydumper)) && dbsnap=$repo/$(snap_id "$repo" "db$run").tar.zst
      alternate "$r" restore_sitesnap restore_peer
      ((have_mydumper)) && alternate "$r" restore_sitesnap_db restore_myloader
      rm -rf "$work/stg" "$work/peer-x" "$work/stgdb"
    done
  done
  site_diffs
  site_table "$size: $files_mb MB of files ($files_n entries), $rows rows" "$(($postmeta))"
}

backup_sitesnap() { inputs=("$site"); measure backup-sitesnap "$bin" backup "$site" --label "run$run"; }
backup_peer() {
  rm -f "$work/peer/"*; inputs=("$site")
  measure backup-peer bash -c "tar --zstd -cf '$work/peer/site.tar.zst' -C '$(dirname "$site")' blog && mysqldump --defaults-file='$cnf' --single-transaction --quick blog | zstd -q -3 >'$work/peer/db.sql.zst'"
}
backup_sitesnap_db() { inputs=(); measure backup-sitesnap-db "$bin" backup "$site" --no-files --label "db$run"; }
backup_mydumper() {
  rm -rf "$work/mydump"; inputs=()
  measure backup-mydumper-db mydumper --defaults-file "$cnf" --database blog --threads 2 --compress --outputdir "$work/mydump"
}
restore_sitesnap() {
  rm -rf "$work/stg"; "${M[@]}" -e "DROP DATABASE IF EXISTS stg"; inputs=("$snap")
  measure restore-sitesnap "$bin" restore "$snap" --target "$work/stg" --db-name stg --defaults-file "$work/sitesnap.cnf"
}
restore_peer() {
  rm -rf "$work/peer-x"; mkdir -p "$work/peer-x"; "${M[@]}" -e "DROP DATABASE IF EXISTS peer; CREATE DATABASE peer"
  inputs=("$work/peer/site.tar.zst" "$work/peer/db.sql.zst")
  measure restore-peer bash -c "tar --zstd -xf '$work/peer/site.tar.zst' -C '$work/peer-x' && zstd -dc '$work/peer/db.sql.zst' | mariadb --defaults-file='$cnf' peer"
}
restore_sitesnap_db() {
  rm -rf "$work/stgdb"; "${M[@]}" -e "DROP DATABASE IF EXISTS stgdb"; inputs=("$dbsnap")
  measure restore-sitesnap-db "$bin" restore "$dbsnap" --target "$work/stgdb" --db-name stgdb --defaults-file "$work/sitesnap.cnf"
}
restore_myloader() {
  "${M[@]}" -e "DROP DATABASE IF EXISTS myl"; inputs=("$work/mydump")
  measure restore-myloader-db myloader --defaults-file "$cnf" --database myl --threads 2 --directory "$work/mydump" --overwrite-tables
}

# diff-db: identical, and 100 changed postmeta rows (exit 1: differences).
site_diffs() {
  rm -rf "${repo:?}"/*
  "$bin" backup "$site" --no-files --label a >/dev/null
  "${M[@]}" blog -e "UPDATE wp_postmeta SET meta_value = CONCAT(meta_value, ' changed') WHERE meta_id % ($postmeta / 100) = 7 LIMIT 100"
  "$bin" backup "$site" --no-files --label b >/dev/null
  a=$(snap_id "$repo" a) b=$(snap_id "$repo" b)
  for ((r = 1; r <= runs; r++)); do
    for st in "${states[@]}"; do
      inputs=("$repo")
      measure diff-identical "$bin" diff-db "$a" "$a" --summary
      measure diff-100-changed --ok 1 "$bin" diff-db "$a" "$b" --summary
      grep -q "wp_postmeta .* 100 " "$work/out" || { echo "diff-db did not find the 100 changed rows" >&2; cat "$work/out" >&2; return 1; }
    done
  done
}

site_table() {
  header "$1" "$runs run$( ((runs == 1)) || echo s)"
  echo "| task | cache | sitesnap | CPU | peak RSS | peer | peer time | CPU | peak RSS | ratio |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  local s
  row() {
    printf '| %s | %s | %s s | %s s | %s MB | %s | %s s | %s s | %s MB | %s |\n' "$1" "$s" "$(median "$2" "$s")" "$(median "$2" "$s" 5)" \
      "$(peak "$2" "$s")" "$3" "$(median "$4" "$s")" "$(median "$4" "$s" 5)" "$(peak "$4" "$s")" "$(ratio "$2" "$4" "$s")"
  }
  for s in "${states[@]}"; do row backup backup-sitesnap "tar --zstd + mysqldump \\| zstd" backup-peer; done
  ((have_mydumper)) && for s in "${states[@]}"; do row "backup, database only" backup-sitesnap-db "mydumper --threads 2" backup-mydumper-db; done
  for s in "${states[@]}"; do row restore restore-sitesnap "tar -x + mariadb < dump" restore-peer; done
  ((have_mydumper)) && for s in "${states[@]}"; do row "restore, database only" restore-sitesnap-db "myloader --threads 2" restore-myloader-db; done
  for s in "${states[@]}"; do
    printf '| diff-db identical | %s | %s s | %s s | %s MB | | | | | |\n' "$s" "$(median diff-identical "$s")" "$(median diff-identical "$s" 5)" "$(peak diff-identical "$s")"
    printf '| diff-db 100 of %s postmeta rows changed | %s | %s s | %s s | %s MB | | | | | |\n' "$2" "$s" "$(median diff-100-changed "$s")" "$(median diff-100-changed "$s" 5)" "$(peak diff-100-changed "$s")"
  done
  echo
  echo "Targets (issue 5, kept by issue 14): backup and restore ≤ 0.8× the peer sequences, restore database only ≤ myloader. CPU: user + system seconds of the command and its children (not the server's)."
}
