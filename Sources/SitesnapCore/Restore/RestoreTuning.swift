/// Sizes that shape how a restore loads its table dumps. The defaults are the measured ones; a test
/// sets smaller ones on its own request (`RestoreRequest.tuning`), so tests running side by side
/// never see each other's.
struct RestoreTuning: Sendable, Equatable {
    /// Dump size from which a table's rows are loaded with one LOAD DATA on one connection, bytes.
    /// `LoadDataRows` halves the server's work per row, but InnoDB holds the table's AUTO-INC lock
    /// through a LOAD DATA (innodb_autoinc_lock_mode 1, the default), so parts of one table cannot load
    /// side by side, and one LOAD into the empty table is InnoDB's bulk load. Measured on 2 cores:
    /// wp_postmeta of 214 MB (2,000,000 rows) 12.9 s restored this way against 13.8-14.1 s as INSERT
    /// parts on two connections; at 21 MB (200,000 rows) the INSERT parts were faster (1.43-1.64 s
    /// against 1.56-2.09 s).
    var loadDataBytes: Int64 = 64 << 20

    /// Size of the parts a large table's INSERTs are cut into, bytes (each part is loaded by whichever
    /// import connection is free). 8 MiB: a 2-connection import of 200,000 postmeta rows took 1.0-1.3 s
    /// on 2 cores with it. 1 makes every statement a part.
    var dumpPartBytes: Int64 = 8 << 20
}
