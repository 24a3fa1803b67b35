import Crypto

/// The per-migration password of the rsync daemon's modules.
public enum TransferPassword {
    /// A fresh random password of `length` letters and digits (about 5.95 bits each).
    public static func generate(length: Int = 32) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var characters: [Character] = []
        characters.reserveCapacity(length)
        while characters.count < length {
            // Rejection sampling keeps every character equally likely.
            for byte in SymmetricKey(size: .bits256).withUnsafeBytes({ Array($0) }) where byte < 248 {
                characters.append(alphabet[Int(byte) % alphabet.count])
                if characters.count == length { break }
            }
        }
        return String(characters)
    }
}
