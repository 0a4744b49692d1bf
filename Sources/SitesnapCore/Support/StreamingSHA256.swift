import Crypto

/// Incremental SHA-256 (swift-crypto) with a hex result.
struct StreamingSHA256 {
    private var hasher = SHA256()

    mutating func update(_ bytes: UnsafeRawBufferPointer) { hasher.update(bufferPointer: bytes) }

    /// Lowercase hex digest.
    func finalizeHex() -> String { Hex.string(hasher.finalize()) }
}
