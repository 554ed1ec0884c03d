import Foundation

/// A read or a write that the system refused: its error number, kept so that the message
/// can name the stream and say why.
public struct IOFailure: Error, Sendable, Equatable {
    public var code: Int32

    public init(code: Int32) { self.code = code }

    /// The system's wording, e.g. "No space left on device".
    public var reason: String { String(cString: strerror(code)) }
}

/// Reads and writes on file descriptors that end only when they should: an interrupted
/// call is retried, a non-blocking descriptor (Node.js and CI runners hand one down as
/// standard input or output) is waited on rather than taken for the end of input or a
/// closed pipe, and every other failure is reported, never taken for the end.
///
/// Waiting is done with `poll` in slices of `Descriptor.pollSlice`, asking `shouldStop`
/// between them: a signal handler that sets a flag ends a wait within one slice, even
/// when the signal came just before the wait began.
public enum Descriptor {
    /// How long one wait lasts before `shouldStop` is asked again, in milliseconds.
    static let pollSlice: Int32 = 200

    /// How a write ended.
    public enum WriteOutcome: Sendable, Equatable {
        case written
        /// The reader has gone (EPIPE): the only failure that may end output quietly.
        case closed
        /// `shouldStop` said so while the write was blocked.
        case stopped
        case failed(IOFailure)
    }

    /// Throws unless `descriptor` is open for reading. (A descriptor open for writing only
    /// never reports input to `poll`, so a wait on it would never end.)
    public static func checkReadable(_ descriptor: Int32) throws(IOFailure) {
        let flags = fcntl(descriptor, F_GETFL)
        if flags < 0 { throw IOFailure(code: errno) }
        if flags & O_ACCMODE == O_WRONLY { throw IOFailure(code: EBADF) }
    }

    /// Whether input (or its end, or an error) is waiting on `descriptor` now.
    static func hasInput(_ descriptor: Int32) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&request, 1, 0) != 0
    }

    /// Reads up to `count` bytes into `into`, waiting for them as long as it takes: the
    /// number read (0 at the end of input), or nil when `shouldStop` said so first.
    public static func read(_ descriptor: Int32, into: UnsafeMutableRawPointer, count: Int,
                            shouldStop: () -> Bool) throws(IOFailure) -> Int? {
        while true {
            if shouldStop() { return nil }
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&request, 1, pollSlice)
            if ready < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw IOFailure(code: errno)
            }
            if ready == 0 { continue }
            if request.revents & Int16(POLLNVAL) != 0 { throw IOFailure(code: EBADF) }
            let got = Foundation.read(descriptor, into, count)
            if got >= 0 { return got }
            switch errno {
            case EINTR, EAGAIN, EWOULDBLOCK: continue
            default: throw IOFailure(code: errno)
            }
        }
    }

    /// Everything up to the end of input, or nil as soon as there is more than `limit`
    /// bytes (the rest is not read: a file of any size costs no more than the limit).
    public static func readAll(_ descriptor: Int32, limit: Int) throws(IOFailure) -> [UInt8]? {
        try checkReadable(descriptor)
        var bytes: [UInt8] = []
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 1)
        defer { block.deallocate() }
        while true {
            // One byte past the limit is enough to know the input is too long.
            let room = min(block.count, limit + 1 - bytes.count)
            let got = try read(descriptor, into: block.baseAddress!, count: room, shouldStop: { false })!
            if got == 0 { return bytes }
            bytes.append(contentsOf: block[..<got])
            if bytes.count > limit { return nil }
        }
    }

    /// Writes all of `bytes`, waiting while a non-blocking descriptor is full.
    public static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, shouldStop: () -> Bool = { false }) -> WriteOutcome {
        guard var next = bytes.baseAddress else { return .written }
        var left = bytes.count
        while left > 0 {
            let written = write(descriptor, next, left)
            if written > 0 {
                next += written
                left -= written
                // A signal that comes while a write to a pipe is blocked, after some bytes
                // went, ends it short (not with EINTR): asked here too.
                if left > 0, shouldStop() { return .stopped }
                continue
            }
            if written == 0 { continue }
            switch errno {
            case EINTR:
                if shouldStop() { return .stopped }
            case EAGAIN, EWOULDBLOCK:
                var request = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                while poll(&request, 1, pollSlice) == 0 {
                    if shouldStop() { return .stopped }
                }
            case EPIPE:
                return .closed
            default:
                return .failed(IOFailure(code: errno))
            }
        }
        return .written
    }

    /// `writeAll` of a text's UTF-8 bytes.
    public static func writeAll(_ descriptor: Int32, _ text: String, shouldStop: () -> Bool = { false }) -> WriteOutcome {
        var text = text
        return text.withUTF8 { writeAll(descriptor, UnsafeRawBufferPointer($0), shouldStop: shouldStop) }
    }

    /// The descriptors among standard input, output and error that were closed when the
    /// process started, each now holding `/dev/null` open the wrong way round (standard
    /// input for writing, the others for reading), so that every use of it fails, as a
    /// closed stream should, and no file the tool opens later takes its number (a profile
    /// opened as descriptor 1 would be read as the place to write the report).
    public static func fillClosedStandardStreams() -> Set<Int32> {
        var closed: Set<Int32> = []
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) < 0 && errno == EBADF {
            // `open` takes the lowest free number: the ones below are open by now.
            let filler = open("/dev/null", descriptor == STDIN_FILENO ? O_WRONLY : O_RDONLY)
            if filler >= 0, filler != descriptor {
                dup2(filler, descriptor)
                close(filler)
            }
            closed.insert(descriptor)
        }
        return closed
    }
}

extension Descriptor {
    /// Writes `text` to the file at `path` in full or not at all: into a new file beside
    /// it, renamed over it once written and closed (a full disk or an interruption leaves
    /// the old file, never half a new one).
    public static func writeFile(_ text: String, to path: String) throws(IOFailure) {
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR { throw IOFailure(code: EISDIR) }
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) + "/." + name + ".XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw IOFailure(code: errno) }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var failure: IOFailure?
        if case .failed(let error) = writeAll(descriptor, text) { failure = error }
        // mkstemp makes the file private; a profile or a report is an ordinary file.
        if failure == nil, fchmod(descriptor, 0o644) != 0 { failure = IOFailure(code: errno) }
        // A full disk may show only at close (on a network file system).
        if close(descriptor) != 0, failure == nil { failure = IOFailure(code: errno) }
        if failure == nil, rename(temporary, path) != 0 { failure = IOFailure(code: errno) }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }
}
