/// Rules for the names scenarios choose: vars, queues, skills.
public enum Names {
    public static func isVarName(_ s: String) -> Bool {
        guard let first = s.first, s.count <= 64, first == "_" || (first.isASCII && first.isLetter) else { return false }
        return s.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }

    public static func isIdentifier(_ s: String, allowing extra: String) -> Bool {
        !s.isEmpty && s.count <= 64 && s.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || extra.contains($0) }
    }
}
