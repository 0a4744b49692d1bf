/// One token of PHP source, with its byte range in the file (for error messages and later rewrites).
package struct PHPToken: Equatable {
    package enum Kind: Equatable {
        case inlineHTML
        case openTag
        case closeTag
        /// `$name` (without the dollar).
        case variable(String)
        /// A name or keyword, possibly namespaced (`Joomla\CMS\Version`, `define`, `true`).
        case identifier(String)
        /// A string literal with its decoded value; `interpolated` when PHP would substitute variables
        /// in it (double quotes or heredoc with `$`/`{$`), which makes it not a literal.
        case string(String, interpolated: Bool)
        case integer(Int64)
        case float(Double)
        /// Operators and punctuation: `(` `)` `[` `]` `{` `}` `;` `,` `=` `=>` `.` `::` `->` `-` ...
        case punct(String)
    }
    package var kind: Kind
    /// Byte offsets into the source.
    var range: Range<Int>
    /// 1-based line number of the token's first byte.
    var line: Int
}
