import Foundation
@testable import Media
import Testing

@Suite struct ThreadOwnerTests {
    /// The media-thread assertions rest on this: an owner is current only on the thread that made it.
    @Test func anOwnerIsCurrentOnlyOnItsThread() async {
        let owner = ThreadOwner()
        #expect(owner.isCurrent)
        let elsewhere = await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: owner.isCurrent) }.start()
        }
        #expect(!elsewhere)
    }
}
