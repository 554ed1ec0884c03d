/// The shape a short printed text must have, as in `第N条` or `附件N-M`: a tiny
/// regular expression over Unicode scalars, anchored at both ends.
///
/// Checked by hand because Foundation compiles a regular expression on every
/// `range(of:options: .regularExpression)`, which cost more than reading the whole
/// policy file the citations are in. A shape is checked through its `Matcher`, made once.
indirect enum TextShape: Sendable {
    case literal(String)
    /// One or more of these scalars.
    case run([Unicode.Scalar])
    case optional(TextShape)
    case either(TextShape, TextShape)
    case sequence([TextShape])

    /// The shape made ready to check texts.
    var matcher: Matcher { Matcher(self) }
}

extension TextShape {
    /// A shape as a small automaton of states: each state may take one scalar of a set and
    /// go on to another state, and may go on to others without taking any. A text is read
    /// once, keeping the set of states it can be in as the bits of one word.
    ///
    /// Every way through the shape is followed at once, so that no run has to be tried
    /// longest first and then shorter, as matching by backtracking did: that took a closure
    /// for what follows each part, and cost more than the rest of reading a citation.
    struct Matcher: Sendable {
        /// What a state does: take one of `members` and go on to `next`, and reach states
        /// without taking a scalar.
        private struct State {
            /// The scalars it takes, as a range of `members` (empty for most states).
            var members: Range<Int> = 0..<0
            var next = 0
            /// The states it may go on to without taking a scalar, itself included, as bits.
            var reach: UInt64 = 0
        }

        /// The states, and the scalars they take, one after the other: two lists, since a
        /// list of lists is counted (retained) list by list at every look.
        private var states: [State] = []
        private var members: [Unicode.Scalar] = []
        /// The state where the shape is complete.
        private var final = 0

        init(_ shape: TextShape) {
            var moves: [[Int]] = []
            final = add(shape, from: newState(&moves), &moves)
            precondition(states.count <= UInt64.bitWidth, "a text shape has more states than a word has bits")
            for state in states.indices { states[state].reach = 1 << state }
            // Each state reaches what the states it moves to reach, until nothing changes.
            var changed = true
            while changed {
                changed = false
                for state in moves.indices {
                    let reached = moves[state].reduce(states[state].reach) { $0 | states[$1].reach }
                    if reached != states[state].reach { states[state].reach = reached; changed = true }
                }
            }
        }

        /// Whether the whole of `text` has the shape.
        func matches(_ text: String) -> Bool {
            // Read with an iterator, which is copied to look ahead at the end: indexing the
            // scalars checks each index, and cost more than the automaton.
            var current = states[0].reach, rest = text.unicodeScalars.makeIterator()
            while current != 0 {
                if current & (1 << final) != 0, Self.isEnd(rest) { return true }
                guard let scalar = rest.next() else { return false }
                var after: UInt64 = 0, remaining = current
                while remaining != 0 {
                    let state = states[remaining.trailingZeroBitCount]
                    remaining &= remaining - 1
                    if members[state.members].contains(scalar) { after |= states[state.next].reach }
                }
                current = after
            }
            return false
        }

        /// Makes `state` take one of `scalars` and go on to `next`.
        private mutating func take(_ scalars: some Collection<Unicode.Scalar>, at state: Int, to next: Int) {
            states[state].members = members.count..<members.count + scalars.count
            states[state].next = next
            members += scalars
        }

        private mutating func newState(_ moves: inout [[Int]]) -> Int {
            states.append(State())
            moves.append([])
            return states.count - 1
        }

        /// Adds the states of `shape`, entered at `entry`, and returns the state where it
        /// is complete, which takes no scalar yet (so that what follows may start there).
        private mutating func add(_ shape: TextShape, from entry: Int, _ moves: inout [[Int]]) -> Int {
            switch shape {
            case .literal(let word):
                var state = entry
                for scalar in word.unicodeScalars {
                    let following = newState(&moves)
                    take(CollectionOfOne(scalar), at: state, to: following)
                    state = following
                }
                return state
            case .run(let members):
                // Take one member, then go back for another or go on.
                let taking = newState(&moves), taken = newState(&moves)
                take(members, at: taking, to: taken)
                moves[entry].append(taking)
                moves[taken].append(taking)
                return taken
            case .optional(let inner):
                let inside = newState(&moves)
                moves[entry].append(inside)
                let end = add(inner, from: inside, &moves)
                moves[entry].append(end)
                return end
            case .either(let first, let second):
                let one = newState(&moves), other = newState(&moves), end = newState(&moves)
                moves[entry] += [one, other]
                moves[add(first, from: one, &moves)].append(end)
                moves[add(second, from: other, &moves)].append(end)
                return end
            case .sequence(let shapes):
                return shapes.reduce(entry) { add($1, from: $0, &moves) }
            }
        }

        /// The end of the text. Like `$` in the regular expressions these shapes replaced, it
        /// may be one final line break (LF, VT, FF, CR, CRLF, NEL, LS or PS), so that no text
        /// accepted before is refused now.
        private static func isEnd(_ rest: String.UnicodeScalarView.Iterator) -> Bool {
            var scalars = rest
            guard let first = scalars.next() else { return true }
            let second = scalars.next()
            if let second { return first == "\r" && second == "\n" && scalars.next() == nil }
            return (0x0A...0x0D).contains(first.value) || [0x85, 0x2028, 0x2029].contains(first.value)
        }
    }
}
