import Foundation

/// The Chinese lunisolar calendar (农历) computed from astronomy, so lunar holidays can be estimated
/// for years the administrator has not entered yet. Rules of GB/T 33661-2017: a month starts on the
/// China-time (UTC+8) day of a new moon, the month holding the winter solstice is month 11, and in a
/// sui (岁, solstice to solstice) of 13 months the first month without a principal term (中气) is the
/// leap month, repeating the previous month's number.
///
/// Astronomy after Jean Meeus, *Astronomical Algorithms* (2nd ed.): new moons from ch. 49 (errors of
/// seconds); the Sun's apparent longitude from VSOP87 truncated as in ch. 32 / appendix III (under
/// 1″, i.e. ~20 s of time) with nutation (ch. 22) and aberration (ch. 25); ΔT from Espenak & Meeus'
/// polynomials. Meant for Gregorian years 1900–2100. An event within a minute or so of midnight may
/// still land on another day than in the official almanac, which is one more reason these dates are
/// only provisional.
public enum ChineseCalendar {
    /// 正月初一 of the lunar year that begins in `gregorianYear`.
    public static func lunarNewYear(_ gregorianYear: Int) -> CivilDate {
        CivilDate(dayNumber: months(lunarYear: gregorianYear)[0].start)
    }

    /// 除夕: the last day of month 12 before the new year of `gregorianYear` (the 29th or 30th).
    public static func newYearsEve(_ gregorianYear: Int) -> CivilDate {
        lunarNewYear(gregorianYear).adding(days: -1)
    }

    /// A day of a regular (non-leap) month of the lunar year beginning in Gregorian `lunarYear`;
    /// nil for a month or day that does not exist (such as day 30 of a 29-day month).
    public static func date(lunarYear: Int, month: Int, day: Int) -> CivilDate? {
        guard (1...12).contains(month), (1...30).contains(day) else { return nil }
        let list = months(lunarYear: lunarYear)
        guard let index = list.firstIndex(where: { $0.number == month && !$0.leap }), index + 1 < list.count,
              day <= list[index + 1].start - list[index].start else { return nil }
        return CivilDate(dayNumber: list[index].start + day - 1)
    }

    /// The China-time day in `gregorianYear` on which the Sun's apparent longitude reaches
    /// `longitude` degrees (multiples of 15 are the 24 solar terms, 节气).
    public static func solarTerm(_ gregorianYear: Int, longitude: Int) -> CivilDate {
        CivilDate(dayNumber: chinaDay(termJDE(gregorianYear, Double(longitude))))
    }

    /// 清明: the Sun at 15°.
    public static func qingming(_ gregorianYear: Int) -> CivilDate {
        solarTerm(gregorianYear, longitude: 15)
    }

    // MARK: - Months

    struct Month { let start: Int; let number: Int; let leap: Bool }

    /// The months of one lunar year from 正月 on, plus the next 正月 so that every month has an end.
    static func months(lunarYear year: Int) -> [Month] {
        let all = sui(endingIn: year) + sui(endingIn: year + 1)
        let first = all.firstIndex { $0.number == 1 && !$0.leap } ?? 0
        let next = all[(first + 1)...].firstIndex { $0.number == 1 && !$0.leap } ?? all.count - 1
        return Array(all[first...next])
    }

    /// The months from the one holding the winter solstice of `year - 1` up to, not including, the
    /// one holding the solstice of `year`: one sui, numbered from 11.
    static func sui(endingIn year: Int) -> [Month] {
        let end = newMoonDay(onOrBefore: chinaDay(termJDE(year, 270)))
        var starts = [newMoonDay(onOrBefore: chinaDay(termJDE(year - 1, 270)))]
        // The next new moon is 29–30 days on, the one after it at least 58: +31 lands between.
        while let last = starts.last, last < end { starts.append(newMoonDay(onOrBefore: last + 31)) }
        let hasLeap = starts.count == 14
        var result: [Month] = [], number = 10, leapTaken = false
        for (start, next) in zip(starts, starts.dropFirst()) {
            // Principal terms sit at multiples of 30°; the month holds one when the Sun crosses one
            // between the China midnights that open this month and the next.
            let a = apparentSolarLongitude(ephemerisDay(chinaMidnight: start))
            let b = apparentSolarLongitude(ephemerisDay(chinaMidnight: next))
            let leap = hasLeap && !leapTaken && Int(a / 30) == Int(b / 30)
            if leap { leapTaken = true } else { number = number % 12 + 1 }
            result.append(Month(start: start, number: number, leap: leap))
        }
        return result
    }

    /// China-time day number of the last new moon on or before `day`.
    static func newMoonDay(onOrBefore day: Int) -> Int {
        var k = ((Double(day) + 2_440_587.5 - 2_451_550.09766) / 29.530588861).rounded(.down)
        while chinaDay(newMoonJDE(k + 1)) <= day { k += 1 }
        while chinaDay(newMoonJDE(k)) > day { k -= 1 }
        return chinaDay(newMoonJDE(k))
    }

    /// Ephemeris time at which the Sun reaches `longitude` in `year`, by Newton steps at the mean rate.
    static func termJDE(_ year: Int, _ longitude: Double) -> Double {
        let target = longitude.normalizedDegrees
        // The Sun stands near 280° on 1 January, so the first guess is within a few days.
        // Julian Day of 1 January (proleptic Gregorian): plain arithmetic, as 1899 is needed too.
        let p = year - 1
        var jde = 1_721_425.5 + Double(365 * p + p / 4 - p / 100 + p / 400)
            + (target - 280).normalizedDegrees * 365.2422 / 360
        for _ in 0..<10 {
            let step = (target - apparentSolarLongitude(jde) + 180).normalizedDegrees - 180
            jde += step * 365.2422 / 360
            if abs(step) < 1e-8 { break }
        }
        return jde
    }

    // MARK: - Astronomy

    /// Meeus ch. 49: the true new moon of lunation `k` (0 = 2000-01-06), in Julian Ephemeris Days.
    static func newMoonJDE(_ k: Double) -> Double {
        let t = k / 1236.85, t2 = t * t, t3 = t2 * t, t4 = t3 * t, rad = Double.pi / 180
        let e = 1 - 0.002516 * t - 0.0000074 * t2
        let m = (2.5534 + 29.1053567 * k - 0.0000014 * t2 - 0.00000011 * t3) * rad
        let mp = (201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4) * rad
        let f = (160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4) * rad
        let om = (124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3) * rad
        let periodic: [Double] = [
            -0.40720 * sin(mp), 0.17241 * e * sin(m), 0.01608 * sin(2 * mp), 0.01039 * sin(2 * f),
            0.00739 * e * sin(mp - m), -0.00514 * e * sin(mp + m), 0.00208 * e * e * sin(2 * m),
            -0.00111 * sin(mp - 2 * f), -0.00057 * sin(mp + 2 * f), 0.00056 * e * sin(2 * mp + m),
            -0.00042 * sin(3 * mp), 0.00042 * e * sin(m + 2 * f), 0.00038 * e * sin(m - 2 * f),
            -0.00024 * e * sin(2 * mp - m), -0.00017 * sin(om), -0.00007 * sin(mp + 2 * m),
            0.00004 * sin(2 * mp - 2 * f), 0.00004 * sin(3 * m), 0.00003 * sin(mp + m - 2 * f),
            0.00003 * sin(2 * mp + 2 * f), -0.00003 * sin(mp + m + 2 * f), 0.00003 * sin(mp - m + 2 * f),
            -0.00002 * sin(mp - m - 2 * f), -0.00002 * sin(3 * mp + m), 0.00002 * sin(4 * mp),
        ]
        // Planetary arguments A1…A14: (amplitude in days, phase°, degrees per lunation).
        let planetary: [(Double, Double, Double)] = [
            (0.000325, 299.77, 0.107408), (0.000165, 251.88, 0.016321), (0.000164, 251.83, 26.651886),
            (0.000126, 349.42, 36.412478), (0.000110, 84.66, 18.206239), (0.000062, 141.74, 53.303771),
            (0.000060, 207.14, 2.453732), (0.000056, 154.84, 7.306860), (0.000047, 34.52, 27.261239),
            (0.000042, 207.19, 0.121824), (0.000040, 291.34, 1.844379), (0.000037, 161.72, 24.198154),
            (0.000035, 239.56, 25.513099), (0.000023, 331.55, 3.592518),
        ]
        return 2_451_550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.00000015 * t3 + 0.00000000073 * t4
            + periodic.reduce(0, +)
            + planetary.reduce(0) { $0 + $1.0 * sin(($1.1 + $1.2 * k) * rad) }
    }

    /// The Sun's apparent geocentric longitude in degrees at Julian Ephemeris Day `jde`.
    static func apparentSolarLongitude(_ jde: Double) -> Double {
        let tau = (jde - 2_451_545) / 365_250, t = tau * 10, rad = Double.pi / 180
        var earth = 0.0
        for (power, series) in vsop87EarthL.enumerated() {
            earth += series.reduce(0) { $0 + $1.0 * cos($1.1 + $1.2 * tau) } * pow(tau, Double(power))
        }
        let node = (125.04452 - 1934.136261 * t) * rad
        let nutation = -17.20 * sin(node) - 1.32 * sin(2 * (280.4665 + 36000.7698 * t) * rad)
            - 0.23 * sin(2 * (218.3165 + 481267.8813 * t) * rad) + 0.21 * sin(2 * node)
        let anomaly = (357.52911 + 35999.05029 * t) * rad
        let distance = 1.000140 - 0.016708 * cos(anomaly) - 0.000139 * cos(2 * anomaly)
        // −0.09033″ takes VSOP87's dynamical equinox to FK5; −20.4898″/R is the annual aberration.
        let arcseconds = nutation - 20.4898 / distance - 0.09033
        return (earth * 1e-8 / rad + 180 + arcseconds / 3600).normalizedDegrees
    }

    /// Earth's heliocentric longitude, VSOP87D, terms A·cos(B + C·τ) in 1e-8 rad, τ in millennia
    /// from J2000; only terms above ~0.06″ over 1900–2100 are kept.
    static let vsop87EarthL: [[(Double, Double, Double)]] = [
        [
            (175347046, 0, 0), (3341656, 4.66926, 6283.07585), (34894, 4.6261, 12566.1517),
            (3497, 2.74412, 5753.38488), (3418, 2.82887, 3.52312), (3136, 3.62767, 77713.77147),
            (2676, 4.41808, 7860.41939), (2343, 6.13516, 3930.2097), (1324, 0.74246, 11506.76977),
            (1273, 2.0371, 529.69097), (1199, 1.10963, 1577.34354), (990, 5.23268, 5884.92685),
            (902, 2.04505, 26.29832), (857, 3.50849, 398.149), (780, 1.17883, 5223.69392),
            (753, 2.53339, 5507.55324), (505, 4.58293, 18849.22755), (492, 4.20507, 775.52261),
            (357, 2.91954, 0.06731), (317, 5.84902, 11790.62909), (284, 1.89869, 796.29801),
            (271, 0.31489, 10977.0788), (243, 0.34481, 5486.77784), (206, 4.80647, 2544.31442),
            (205, 1.86948, 5573.1428), (202, 2.45768, 6069.77675), (156, 0.83306, 213.2991),
            (132, 3.41118, 2942.46342), (126, 1.08303, 20.7754), (115, 0.64545, 0.98032),
            (103, 0.636, 4694.00295), (102, 0.97569, 15720.83878), (102, 4.2668, 7.11355),
            (99, 6.20993, 2146.16542), (98, 0.68101, 155.4204), (86, 5.98323, 161000.68574),
            (85, 1.29871, 6275.9623), (85, 3.6708, 71430.69562), (80, 1.80791, 17260.15465),
            (79, 3.03698, 12036.46073), (75, 1.75509, 5088.62884), (74, 3.50319, 3154.68708),
            (74, 4.67927, 801.82093), (70, 0.83298, 9437.76293), (62, 3.97764, 8827.39027),
            (61, 1.8184, 7084.89678), (57, 2.7843, 6286.59897), (56, 4.38695, 14143.49524),
            (56, 3.47006, 6279.55273), (52, 0.18915, 12139.55351), (52, 1.33283, 1748.01641),
            (51, 0.28307, 5856.47766), (49, 0.48735, 1194.44701), (41, 5.36817, 8429.24127),
            (41, 2.39851, 19651.04848), (39, 6.16833, 10447.38784), (37, 6.04134, 10213.28555),
            (37, 2.56955, 1059.38193), (36, 1.70876, 2352.86615), (36, 1.77597, 6812.76682),
            (33, 0.59309, 17789.84562), (30, 0.44294, 83996.84732), (30, 2.73975, 1349.86741),
        ],
        [(628331966747, 0, 0), (206059, 2.67823, 6283.07585), (4303, 2.63513, 12566.1517), (425, 1.59047, 3.52312)],
        [(52919, 0, 0), (8720, 1.0721, 6283.07585)],
    ]

    // MARK: - Time scales

    /// The China-time day number of an instant given in Terrestrial Time (JDE).
    static func chinaDay(_ jde: Double) -> Int {
        let jd = jde - deltaT(jde) / 86_400
        return Int((jd - 2_440_587.5 + 8.0 / 24).rounded(.down))
    }

    static func ephemerisDay(chinaMidnight day: Int) -> Double {
        let jd = Double(day) + 2_440_587.5 - 8.0 / 24
        return jd + deltaT(jd) / 86_400
    }

    /// TT − UT in seconds (Espenak & Meeus 2006). After 2005 it is a forecast that has run a few
    /// seconds high; the future error grows to about a minute by 2100.
    static func deltaT(_ jd: Double) -> Double {
        let y = 2000 + (jd - 2_451_544.5) / 365.2425
        switch y {
        case ..<1920:
            let t = y - 1900
            return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * pow(t, 3) - 0.000197 * pow(t, 4)
        case ..<1941: let t = y - 1920; return 21.20 + 0.84493 * t - 0.0761 * t * t + 0.0020936 * pow(t, 3)
        case ..<1961: let t = y - 1950; return 29.07 + 0.407 * t - t * t / 233 + pow(t, 3) / 2547
        case ..<1986: let t = y - 1975; return 45.45 + 1.067 * t - t * t / 260 - pow(t, 3) / 718
        case ..<2005:
            let t = y - 2000
            return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * pow(t, 3) + 0.000651814 * pow(t, 4)
                + 0.00002373599 * pow(t, 5)
        case ..<2050: let t = y - 2000; return 62.92 + 0.32217 * t + 0.005589 * t * t
        default: let u = (y - 1820) / 100; return -20 + 32 * u * u - 0.5628 * max(0, 2150 - y)
        }
    }
}

private extension Double {
    /// The same angle in [0, 360).
    var normalizedDegrees: Double {
        let r = truncatingRemainder(dividingBy: 360)
        return r < 0 ? r + 360 : r
    }
}
