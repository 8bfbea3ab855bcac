import SafeGridRendering
import Testing

@Suite struct NodeTests {
    @Test func textAndAttributeValuesAreEscaped() {
        let hostile = #"<script>alert("x")</script> & 'y'"#
        let html = A(.href(hostile), .title(hostile)) { hostile }.render()
        #expect(html == #"<a href="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;" title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;">&lt;script&gt;alert("x")&lt;/script&gt; &amp; 'y'</a>"#)
    }

    @Test func flagsAndAbsentAttributesAreLeftOutOrBare() {
        let html = Input(.type("checkbox"), .checked(true), .required(false), .value(nil), .classes(("a", true), ("b", false))).render()
        #expect(html == #"<input type="checkbox" checked class="a">"#)
    }

    @Test func blocksTakeConditionsLoopsAndText() {
        let rows = ["一", "二"]
        let empty = false
        let html = Ul(.class("x")) {
            if empty { Li { "none" } } else {
                for row in rows { Li { row } }
            }
            if let last = rows.last { Li(.class("last")) { last } }
        }.render()
        #expect(html == #"<ul class="x"><li>一</li><li>二</li><li class="last">二</li></ul>"#)
    }

    @Test func trustedMarkupIsWrittenAsIsAndTheDocumentHasADoctype() {
        let doc = Html { Body { Node.trusted("<svg></svg>"); "<" } }.document()
        #expect(doc == "<!doctype html>\n<html><body><svg></svg>&lt;</body></html>")
    }
}
