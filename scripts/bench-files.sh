# Sourced by scripts/bench: the many-files sizes (issue 14). WordPress core plus N uploads of 100-600
# bytes; sitesnap --no-db against tar --zstd -cf / -tf / -xf and restic's first backup; list and
# diff-db over a repository of many snapshots of the site (files and database).

# discard PATH...: moved aside into $work/trash (removed with $work at the end): removing 200,000
# files between runs took minutes on this machine's disk, and a removal in the background would run
# into the next measurement.
discard() {
  local p
  mkdir -p "$work/trash"
  for p in "$@"; do [[ -e $p ]] && mv "$p" "$(mktemp -u "$work/trash/XXXXXX")"; done
  return 0
}

# files_site TAG N: the cached tree $cache_root/TAG/blog (WordPress core plus N uploads), its wp-config
# naming database TAG (- as _); sets $site.
files_site() {
  local cache=$cache_root/$1
  site=$cache/blog
  if [[ ! -f $cache/.done ]]; then
    echo "generating $2 upload files in $cache" >&2
    rm -rf "$cache"; mkdir -p "$cache"
    cp -rL /usr/share/wordpress "$site"
    python3 scripts/bench-uploads.py "$site" "$2"
    touch "$cache/.done"
  fi
  wpconfig "$site" "${1//-/_}"
}

# clone_snapshot REPO ID NEWID: the snapshot's files under another id, as `list` and `diff-db` see
# them: the manifest copy rewritten with the new id (a file of its own, as a backup writes it), the
# archive and any other file beside it hard-linked (their bytes are only read; list reads their size).
clone_snapshot() {
  local f rest
  for f in "$1/$2".*; do
    rest=${f#"$1/$2"}
    if [[ $rest == .manifest.json ]]; then
      python3 -c 'import sys; d = open(sys.argv[1], "rb").read(); open(sys.argv[2], "wb").write(d.replace(b"\"id\":\"%s\"" % sys.argv[3].encode(), b"\"id\":\"%s\"" % sys.argv[4].encode()))' "$f" "$1/$3$rest" "$2" "$3"
      chmod 600 "$1/$3$rest"
    else
      ln "$f" "$1/$3$rest"
    fi
  done
}

# files_bench TAG N LIST_SNAPSHOTS [memory]: measures and prints the table (memory: RSS only, no
# restic, for million_bench).
files_bench() {
  local tag=$1 n=$2 nlist=$3 mode=${4:-} r i cap=${SITESNAP_BENCH_CAP:-120}
  : >"$results"  # one table per part: its own measurements
  files_site "$tag" "$n"
  local files_mb files_n
  files_mb=$(du -sm "$site" | cut -f1); files_n=$(find "$site" | wc -l)
  repo=$work/repo-$tag; rm -rf "$repo"; mkdir -p "$repo"
  export SITESNAP_REPO=$repo
  have_restic=0; [[ -z $mode ]] && command -v restic >/dev/null && have_restic=1
  echo bench-pass >"$work/restic-pass"
  for ((r = 1; r <= runs; r++)); do
    for st in "${states[@]}"; do
      echo "$tag: run $r/$runs, $st cache" >&2
      rm -rf "${repo:?}"/*; run=$r-$st
      local fns=(files_backup_sitesnap files_backup_tar); ((have_restic)) && fns+=(files_backup_restic)
      alternate "$r" "${fns[@]}"
      snap=$repo/$(snap_id "$repo" "f$run").tar.zst
      alternate "$r" files_verify_sitesnap files_verify_tar
      alternate "$r" files_restore_sitesnap files_restore_tar
      discard "$work/stg" "$work/peer-x" "$work/restic"
    done
  done
  # A repository of NLIST snapshots of the whole site (files and database): one backup, cloned.
  local lrepo=$work/list-$tag prepo=$work/pair-$tag id
  rm -rf "$lrepo" "$prepo" "${repo:?}"/*; mkdir -p "$lrepo" "$prepo"
  SITESNAP_REPO=$lrepo "$bin" backup "$site" --label full >/dev/null
  id=$(snap_id "$lrepo" full)
  # Clones get ids of the same form: the site's name and a time (second i of 2025-01-01).
  local base=${id%-*} c2 p1 p2 f
  for ((i = 2; i <= nlist; i++)); do clone_snapshot "$lrepo" "$id" "$(printf '%s-20250101T%06dZ' "$base" "$i")"; done
  c2=$(printf '%s-20250101T%06dZ' "$base" 2) p1=$base-20250102T000001Z p2=$base-20250102T000002Z
  clone_snapshot "$lrepo" "$id" "$p1"; clone_snapshot "$lrepo" "$c2" "$p2"
  for f in "$lrepo/$p1".* "$lrepo/$p2".*; do mv "$f" "$prepo/"; done
  for ((r = 1; r <= runs; r++)); do
    for st in "${states[@]}"; do
      inputs=("$lrepo"/*.json*)
      measure list --cap "$cap" "$bin" list --repo "$lrepo"
      [[ $last != ran ]] || (($(grep -c "^$base-" "$work/out") == nlist)) || { echo "list did not show the $nlist snapshots" >&2; cat "$work/out" >&2; return 1; }
      measure diff-identical-many --cap "$cap" env SITESNAP_REPO="$lrepo" "$bin" diff-db "$id" "$c2" --summary
      inputs=("$prepo"/*.json*)
      measure diff-identical-two --cap "$cap" env SITESNAP_REPO="$prepo" "$bin" diff-db "$p1" "$p2" --summary
    done
  done
  discard "$lrepo" "$prepo"
  [[ -n $mode ]] && return 0
  files_table "$tag: $files_mb MB of files ($files_n entries: WordPress core and $n uploads of 100-600 bytes), sitesnap --no-db" "$nlist"
}

files_backup_sitesnap() { inputs=("$site"); measure backup-sitesnap "$bin" backup "$site" --no-db --label "f$run"; }
files_backup_tar() { rm -f "$work/files.tar.zst"; inputs=("$site"); measure backup-tar tar --zstd -cf "$work/files.tar.zst" -C "$(dirname "$site")" blog; }
files_backup_restic() {
  discard "$work/restic" "$work/restic-cache"
  restic -q -r "$work/restic" --password-file "$work/restic-pass" init >/dev/null
  inputs=("$site")
  measure backup-restic env RESTIC_CACHE_DIR="$work/restic-cache" restic -q -r "$work/restic" --password-file "$work/restic-pass" backup "$site"
}
files_verify_sitesnap() { inputs=("$snap"); measure verify-sitesnap "$bin" verify "$snap"; }
files_verify_tar() { inputs=("$work/files.tar.zst"); measure verify-tar tar --zstd -tf "$work/files.tar.zst"; }
files_restore_sitesnap() {
  discard "$work/stg"; inputs=("$snap")
  measure restore-sitesnap "$bin" restore "$snap" --target "$work/stg" --db-name stgfiles --defaults-file "$work/sitesnap.cnf"
}
files_restore_tar() {
  discard "$work/peer-x"; mkdir -p "$work/peer-x"; inputs=("$work/files.tar.zst")
  measure restore-tar tar --zstd -xf "$work/files.tar.zst" -C "$work/peer-x"
}

files_table() {
  header "$1" "$runs run$( ((runs == 1)) || echo s)"
  echo "| task | cache | sitesnap | CPU | peak RSS | tar --zstd | CPU | peak RSS | ratio | restic | peak RSS | ratio | target |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  local s
  frow() {  # frow TASK SITESNAP TAR RESTIC TARGET
    local t='' tr='' rs='' rr=''
    [[ -n $3 ]] && t="$(median "$3" "$s") s" tc="$(median "$3" "$s" 5) s" tp="$(peak "$3" "$s") MB" tr=$(ratio "$2" "$3" "$s")
    [[ -z $3 ]] && tc='' tp=''
    [[ -n $4 ]] && ((have_restic)) && rs="$(median "$4" "$s") s" rp="$(peak "$4" "$s") MB" rr=$(ratio "$2" "$4" "$s")
    [[ -n $rs ]] || rp=''
    printf '| %s | %s | %s | %s s | %s MB | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$s" "$(shown "$2" "$s")" "$(median "$2" "$s" 5)" \
      "$(peak "$2" "$s")" "$t" "$tc" "$tp" "$tr" "$rs" "$rp" "$rr" "$5"
  }
  for s in "${states[@]}"; do frow backup backup-sitesnap backup-tar backup-restic "≤ 1.5× tar, < restic; RSS < 64 MB"; done
  for s in "${states[@]}"; do frow verify verify-sitesnap verify-tar '' "≤ 1.5× tar -tf; RSS < 64 MB"; done
  for s in "${states[@]}"; do frow restore restore-sitesnap restore-tar '' "≤ 1.5× tar -xf; RSS < 64 MB"; done
  for s in "${states[@]}"; do frow "list, $2 snapshots" list '' '' "< 0.3 s; RSS < 64 MB"; done
  for s in "${states[@]}"; do frow "diff-db identical, among $2" diff-identical-many '' '' "< 0.1 s, as among 2; RSS < 64 MB"; done
  for s in "${states[@]}"; do frow "diff-db identical, among 2" diff-identical-two '' '' "< 0.1 s"; done
  echo
  echo "restic: first backup into a new repository (restic 0.14: no compression). tar writes without fsync; sitesnap fsyncs its archive. list and diff-db read a repository of $2 snapshots of the site with its database: one backup and its clones (each manifest copy a file of its own, the archive hard-linked)."
}

# files_tag NAME N: the cache folder's name: NAME, or NAME-N for a count given with --files.
files_tag() { if [[ -n ${files_n:-} ]]; then echo "$1-$2"; else echo "$1"; fi; }

million_label() {
  case $1 in
    backup-sitesnap) echo "sitesnap backup --no-db" ;; verify-sitesnap) echo "sitesnap verify" ;;
    restore-sitesnap) echo "sitesnap restore" ;; list) echo "sitesnap list (3 snapshots)" ;;
    diff-identical-many) echo "sitesnap diff-db, identical (3 snapshots)" ;; backup-tar) echo "tar --zstd -cf" ;;
  esac
}

# million_bench: peak RSS at 200,000 and at 1,000,000 files, one warm run each, same binary, same run.
million_bench() {
  local n=${files_n:-1000000}
  files_bench "$(files_tag files "$((n / 5))")" "$((n / 5))" 3 memory
  mv "$results" "$work/results-200k"; : >"$results"
  files_bench "$(files_tag million "$n")" "$n" 3 memory
  local small=$work/results-200k s=warm
  header "million: peak RSS at $((n / 5)) and $n upload files (WordPress core besides)" "1 run each, warm"
  echo "| command | $((n / 5)) files: time | peak RSS | $n files: time | peak RSS | growth | target |"
  echo "|---|---|---|---|---|---|---|"
  local name k1 k2
  for name in backup-sitesnap verify-sitesnap restore-sitesnap list diff-identical-many backup-tar; do
    k1=$(results=$small peak "$name" $s); k2=$(peak "$name" $s)
    printf '| %s | %s | %s MB | %s | %s MB | %s | %s |\n' "$(million_label "$name")" "$(results=$small shown "$name" $s)" "$k1" "$(shown "$name" $s)" "$k2" \
      "$(awk -v a="$k1" -v b="$k2" 'BEGIN {if (a > 0) printf "%+.0f %%", (b / a - 1) * 100}')" \
      "$([[ $name == backup-tar ]] && echo "(tar, for scale)" || echo "< 64 MB, ≤ +10 %")"
  done
  echo
  echo "list and diff-db: a repository of 3 snapshots of the site with its database (one backup and its clones)."
}
