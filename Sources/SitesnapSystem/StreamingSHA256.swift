import Crypto

/// Incremental SHA-256 (swift-crypto) with a hex result.
package struct StreamingSHA256 {
    private var hasher = SHA256()

    package init() {}

    package mutating func update(_ bytes: UnsafeRawBufferPointer) { hasher.update(bufferPointer: bytes) }

    /// Lowercase hex digest.
    package func finalizeHex() -> String { hasher.finalize().withUnsafeBytes { Hex.string(raw: $0) } }
}
