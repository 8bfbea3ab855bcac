import SafeGridDomain
import Testing

@Suite("Five ledgers (五本账)")
struct SourceLedgersTests {
    @Test("counts roll up to the township or village a hazard's grid lies in", arguments: [
        ("/1/2/5/9/", SourceLedgers.UnitLevel.township, 2),
        ("/1/2/5/9/", .village, 5),
        ("/1/2/5/", .village, 5),
        ("/1/2/", .village, 2),
        ("/1/", .township, 1),
    ])
    func unitOfPath(path: String, level: SourceLedgers.UnitLevel, unit: Int) {
        #expect(SourceLedgers.unitId(ofPath: path, level: level) == unit)
    }

    @Test("each source keeps its own open, overdue and closed counts, and the totals add them up")
    func bySourceAndUnit() {
        // setup
        var ledgers = SourceLedgers(level: .village)

        // MUT
        ledgers.add(3, source: .grid, state: .rectifying, pastDeadline: true, path: "/1/2/5/")
        ledgers.add(2, source: .grid, state: .closed, pastDeadline: false, path: "/1/2/5/7/")
        ledgers.add(4, source: .expert, state: .registered, pastDeadline: false, path: "/1/2/6/")
        ledgers.add(1, source: .expert, state: .voided, pastDeadline: false, path: "/1/2/6/")
        ledgers.add(5, source: .enterprise, state: .closed, pastDeadline: false, path: "/1/2/6/")

        // validate
        #expect(ledgers.tally(unit: 5, source: .grid) == LedgerTally(open: 3, overdue: 3, openDue: 3, closed: 2))
        #expect(ledgers.tally(unit: 5, source: .expert) == LedgerTally())
        #expect(ledgers.tally(unit: 6, source: nil) == LedgerTally(open: 4, closed: 5), "voided hazards count nowhere")
        #expect(ledgers.bySource[.expert] == LedgerTally(open: 4))
        #expect(ledgers.total == LedgerTally(open: 7, overdue: 3, openDue: 3, closed: 7))
    }

    @Test("progress to zero is closed over everything recorded", arguments: [
        (LedgerTally(open: 0, closed: 0), nil as String?, true),
        (LedgerTally(open: 0, closed: 8), "100%", true),
        (LedgerTally(open: 1, closed: 7), "87.5%", false),
        (LedgerTally(open: 2, closed: 0), "0%", false),
        (LedgerTally(open: 1, closed: 2), "66.7%", false),
    ])
    func progressToZero(tally: LedgerTally, shown: String?, zeroed: Bool) {
        #expect(SourceLedgers.progress(tally)?.description == shown)
        #expect(SourceLedgers.isZeroed(tally) == zeroed)
    }
}
