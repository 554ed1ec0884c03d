/// The language of a report.
public enum Language: String, Sendable, CaseIterable { case zh, en }

/// A text in Chinese and English, as the policy files give labels and explanations.
public struct Label: Sendable, Hashable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public func text(_ language: Language) -> String { language == .zh ? zh : en }
}
