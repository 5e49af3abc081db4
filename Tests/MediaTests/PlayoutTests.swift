@testable import Media
import Testing

@Suite struct PlayoutTests {
    @Test func aSecondIsFiftyFrames() {
        var playout = Playout()
        let clip = AudioClip.tone(hz: 440, seconds: 1)
        playout.enqueue(clip, tag: .clip(1))
        var frames: [Playout.Frame] = []
        while let frame = playout.nextFrame() { frames.append(frame) }
        #expect(frames.count == 50)
        #expect(frames.dropLast().allSatisfy { $0.finished.isEmpty })
        #expect(frames.last?.finished == [.clip(1)])
        #expect(frames.flatMap { $0.samples ?? [] } == clip.samples)
        #expect(playout.isEmpty)
    }

    @Test func clipsPlayBackToBackWithoutAGap() {
        var playout = Playout()
        playout.enqueue(AudioClip(samples: Array(repeating: 1, count: 100)), tag: .clip(1))
        playout.enqueue(AudioClip(samples: Array(repeating: 2, count: 100)), tag: .clip(2))
        let first = playout.nextFrame()
        #expect(first?.samples == Array(repeating: 1, count: 100) + Array(repeating: 2, count: 60))
        #expect(first?.finished == [.clip(1)])
        let second = playout.nextFrame()
        #expect(second?.samples == Array(repeating: 2, count: 40) + Array(repeating: 0, count: 120))
        #expect(second?.finished == [.clip(2)])
        #expect(playout.nextFrame() == nil)
    }

    @Test func clearDropsEverythingSilently() {
        var playout = Playout()
        playout.enqueue(.silence(seconds: 1), tag: .clip(1))
        playout.enqueue(.beep, tag: .beep)
        #expect(playout.hasBeep)
        _ = playout.nextFrame()
        playout.clear()
        #expect(playout.isEmpty)
        #expect(!playout.hasBeep)
        #expect(playout.nextFrame() == nil)
    }

    @Test func anEmptyClipFinishesWithoutAudio() {
        var playout = Playout()
        playout.enqueue(AudioClip(samples: []), tag: .clip(9))
        #expect(playout.nextFrame() == Playout.Frame(samples: nil, finished: [.clip(9)]))
    }

    @Test func musicLoopsAfterTheQueueWithoutAGapUntilCleared() {
        var playout = Playout()
        playout.enqueue(AudioClip(samples: Array(repeating: 1, count: 100)), tag: .clip(1))
        playout.loop(AudioClip(samples: Array(repeating: 7, count: 50)))
        let first = playout.nextFrame()
        #expect(first?.samples == Array(repeating: 1, count: 100) + Array(repeating: 7, count: 60))
        #expect(first?.finished == [.clip(1), .music])
        // The 50-sample music comes round again and again: every frame is full, never silence.
        for _ in 0..<100 {
            let frame = playout.nextFrame()
            #expect(frame?.samples == Array(repeating: 7, count: 160))
        }
        #expect(!playout.isEmpty)
        playout.clear()
        #expect(playout.isEmpty)
        #expect(playout.nextFrame() == nil)
    }

    @Test func emptyMusicIsNoMusic() {
        var playout = Playout()
        playout.loop(AudioClip(samples: []))
        #expect(playout.isEmpty)
        #expect(playout.nextFrame() == nil)
    }
}
