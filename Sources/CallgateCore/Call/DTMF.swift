/// DTMF keys as scenarios and the engine name them.
public enum DTMF {
    public static let keys: Set<Character> = Set("0123456789*#ABCD")

    public static func isKey(_ c: Character) -> Bool { keys.contains(c) }
}
