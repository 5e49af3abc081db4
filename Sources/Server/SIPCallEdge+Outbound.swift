extension SIPCallEdge {
    /// The callee of a call the engine placed answered, and the dialer handed the leg over: the
    /// answers to its re-INVITEs (hold, resume) keep the SRTP key our offer gave.
    func calleeAnswered(localKey: [UInt8]?) {
        if let localKey { srtp.answerKey = localKey }
    }
}
