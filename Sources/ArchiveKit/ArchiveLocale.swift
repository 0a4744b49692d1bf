import CArchive
import Glibc

/// libarchive converts entry names and link targets through the process locale's character set (the
/// `_utf8` setters included). In the "C" locale, which a program has until it calls setlocale(), a
/// non-ASCII name makes it fail (seen: a crash in the pax writer, an empty symlink target). So the
/// first archive handle switches LC_CTYPE to UTF-8 unless it already is.
enum ArchiveLocale {
    static let ready: Bool = {
        if let current = setlocale(LC_CTYPE, ""), String(cString: current).uppercased().contains("UTF-8") ||
            String(cString: current).uppercased().contains("UTF8") {
            return true
        }
        return setlocale(LC_CTYPE, "C.UTF-8") != nil
    }()
}
