import Foundation

extension PromptLibrary {
    nonisolated func loadFile(_ path: String, named file: String) async -> Result<AudioClip, PromptError> {
        do throws(WAVError) {
            if let clip = try WAVFile(contentsOf: path).audioClip { return .success(clip) }
        } catch {
            if case .io(_, let detail) = error { return .failure(.unreadable(file: file, detail)) }
            // Not a WAV we play as is: sox will tell whether it can read it.
        }
        let name = (path as NSString).lastPathComponent.filter { $0.isLetter || $0.isNumber || "._-".contains($0) }
        let target = "\(cacheDirectory)/file-\(StableHash.hex(path))-\(name).wav"
        if isFresh(target, source: path), let clip = try? WAVFile(contentsOf: target).audioClip {
            return .success(clip)
        }
        logger.info("converting prompt with sox", metadata: ["file": "\(file)"])
        return await convert(input: nil, arguments: [path], to: target).mapError { failure in
            switch failure {
            case .notFound: .converterMissing(file: file, tool: converter)
            case .failed(let detail): .conversionFailed(file: file, detail)
            case .timedOut: .timedOut("converting '\(file)'", seconds: timeout.seconds)
            case .cache(let detail): .unreadable(file: file, detail)
            }
        }
    }

    nonisolated func synthesize(_ text: String, voice: String, cacheName: String) async -> Result<AudioClip, PromptError> {
        let target = "\(cacheDirectory)/\(cacheName).wav"
        if let clip = try? WAVFile(contentsOf: target).audioClip { return .success(clip) }
        let argv = speechCommand.map { argument in
            // A text starting with "-" would be read as an option by the TTS program.
            argument == "{text}" && text.hasPrefix("-") ? " " + text
                : argument.replacingOccurrences(of: "{voice}", with: voice).replacingOccurrences(of: "{text}", with: text)
        }
        logger.info("synthesizing speech", metadata: ["voice": "\(voice)", "characters": "\(text.count)"])
        let speech: [UInt8]
        switch await ToolRunner.run(argv, timeout: timeout) {
        case .success(let bytes) where !bytes.isEmpty: speech = bytes
        case .success: return .failure(.speechFailed(text: text, "'\(argv[0])' wrote no audio"))
        case .failure(.notFound(let command)): return .failure(.speechFailed(text: text, "'\(command)' is not installed"))
        case .failure(.failed(let detail)): return .failure(.speechFailed(text: text, "'\(argv[0])' failed: \(detail)"))
        case .failure(.timedOut): return .failure(.timedOut("text-to-speech", seconds: timeout.seconds))
        }
        return await convert(input: speech, arguments: ["-t", "wav", "-"], to: target).mapError { failure in
            switch failure {
            case .notFound: .speechFailed(text: text, "'\(converter)' is not installed to convert the speech")
            case .failed(let detail): .speechFailed(text: text, "sox could not convert the speech: \(detail)")
            case .timedOut: .timedOut("converting speech", seconds: timeout.seconds)
            case .cache(let detail): .speechFailed(text: text, detail)
            }
        }
    }

    enum ConversionFailure: Error {
        case notFound
        case failed(String)
        case timedOut
        case cache(String)
    }

    /// Runs sox into a temporary file and renames it into place, so that the cache never holds a
    /// half-written file (a crash, a timeout) and a concurrent reader sees all or nothing.
    nonisolated func convert(input: [UInt8]?, arguments: [String], to target: String) async -> Result<AudioClip, ConversionFailure> {
        do {
            try FileManager.default.createDirectory(atPath: cacheDirectory, withIntermediateDirectories: true)
        } catch {
            return .failure(.cache("cannot create the cache folder \(cacheDirectory): \(error.localizedDescription)"))
        }
        let temporary = "\(target).\(UInt32.random(in: 0...UInt32.max)).tmp.wav"
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        let argv = [converter] + arguments + ["-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", temporary]
        switch await ToolRunner.run(argv, input: input, timeout: timeout) {
        case .success: break
        case .failure(.notFound): return .failure(.notFound)
        case .failure(.failed(let detail)): return .failure(.failed(detail))
        case .failure(.timedOut): return .failure(.timedOut)
        }
        guard rename(temporary, target) == 0 else {
            return .failure(.cache("cannot write the cache file \(target): \(String(cString: strerror(errno)))"))
        }
        do throws(WAVError) {
            guard let clip = try WAVFile(contentsOf: target).audioClip else {
                return .failure(.failed("its output is not 8 kHz mono"))
            }
            return .success(clip)
        } catch {
            return .failure(.failed("its output is unreadable: \(error)"))
        }
    }

    /// Whether the cached conversion exists and is at least as new as its source.
    nonisolated func isFresh(_ cached: String, source: String) -> Bool {
        let files = FileManager.default
        guard let cachedDate = (try? files.attributesOfItem(atPath: cached))?[.modificationDate] as? Date,
              let sourceDate = (try? files.attributesOfItem(atPath: source))?[.modificationDate] as? Date
        else { return false }
        return cachedDate >= sourceDate
    }
}
