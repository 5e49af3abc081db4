import Foundation

/// Time zones by IANA name, checked once when a campaign is created or a contact imported.
public enum CampaignZones {
    public static func isKnown(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && TimeZone(identifier: name) != nil
    }
}

/// Phone numbers as campaigns keep them, so duplicates and the do-not-call list match however the
/// number was written.
public enum CampaignNumber {
    /// `+49 (30) 123-456` → `+4930123456`; nil when it is not a phone number: a leading `+` is kept,
    /// spaces, dashes, dots and parentheses are dropped, and 3 to 20 digits must remain.
    public static func normalize(_ text: String) -> String? {
        var digits = ""
        var plus = false
        for (index, character) in text.trimmingCharacters(in: .whitespaces).enumerated() {
            switch character {
            case "+" where index == 0: plus = true
            case "0"..."9": digits.append(character)
            case " ", "-", ".", "(", ")": continue
            default: return nil
            }
        }
        guard (3...20).contains(digits.count) else { return nil }
        return (plus ? "+" : "") + digits
    }
}
