import SafeGridRendering
import Testing

@Suite("XML text")
struct XMLTextTests {
    @Test("markup characters are escaped, and characters XML 1.0 forbids are replaced", arguments: [
        ("马固村 <b>&\"'", "马固村 &lt;b&gt;&amp;&quot;&#39;"),
        ("line\none\ttab", "line\none\ttab"),
        ("bell\u{07}", "bell\u{FFFD}"),
        ("", ""),
    ])
    func escape(raw: String, escaped: String) {
        #expect(XMLText.escape(raw) == escaped)
    }
}
