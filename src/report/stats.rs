//! Statistics of the report: mean compound with a 95% confidence interval.
//!
//! The interval is Student's t interval, `mean ± t(0.975, n−1) · s / √n`
//! with `s` the sample standard deviation (n − 1 in the denominator). It
//! assumes the statements of a speaker are independent draws, which they are
//! not quite (sentences of one article share a topic), so read it as a
//! guide to how much a mean can be trusted, not as a test. With `n = 1`
//! there is no interval. Bounds are clipped to [-1, 1], the range of
//! VADER's compound score, so a small sample never shows impossible values.

/// Two-sided 95% quantiles of Student's t, `t(0.975, df)` for df = 1..=30
/// (standard tables; R `qt(0.975, 1:30)`).
const T975: [f64; 30] = [
    12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157,
    2.228139, 2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905, 2.109816, 2.100922,
    2.093024, 2.085963, 2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831,
    2.048407, 2.045230, 2.042272,
];

/// `z(0.975)`, the normal quantile the t quantile tends to.
const Z975: f64 = 1.959_963_984_540_054;

/// `t(0.975, df)`: from the table up to 30 degrees of freedom, above that
/// from the Cornish–Fisher expansion of t around the normal quantile
/// (Abramowitz & Stegun 26.7.5), which is within 1e-5 of the exact value
/// for df > 30.
pub fn t_quantile_975(df: usize) -> f64 {
    assert!(df >= 1, "t quantile needs at least one degree of freedom");
    if df <= T975.len() {
        return T975[df - 1];
    }
    let z = Z975;
    let d = df as f64;
    let g1 = (z.powi(3) + z) / 4.0;
    let g2 = (5.0 * z.powi(5) + 16.0 * z.powi(3) + 3.0 * z) / 96.0;
    let g3 = (3.0 * z.powi(7) + 19.0 * z.powi(5) + 17.0 * z.powi(3) - 15.0 * z) / 384.0;
    z + g1 / d + g2 / (d * d) + g3 / (d * d * d)
}

/// Fixed-point resolution of [`Moments`]: values are counted in units of
/// 1e-8 (compound has 4 decimals, so nothing is lost).
const TICKS: f64 = 1e8;

/// Count, sum and sum of squares of values, kept as exact integers (in
/// units of 1e-8), so the mean and variance do not depend on the order the
/// values came in: a report of the same rows in another order (articles
/// annotated in parallel, tables concatenated differently) is identical to
/// the last digit. Floating-point sums are not: 0.33825 may round either way.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Moments {
    n: u64,
    sum: i128,
    sum_sq: i128,
}

impl Moments {
    /// Adds one value (expected in [-1, 1]).
    pub fn push(&mut self, x: f64) {
        let t = (x * TICKS).round() as i128;
        self.n += 1;
        self.sum += t;
        self.sum_sq += t * t;
    }

    /// Number of values.
    pub fn count(&self) -> usize {
        self.n as usize
    }

    /// The mean, `None` without values.
    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum as f64 / TICKS / self.n as f64)
    }

    /// The sample standard deviation, `None` below two values.
    pub fn sd(&self) -> Option<f64> {
        (self.n > 1).then(|| {
            let n = self.n as i128;
            // n·Σx² − (Σx)², exact in integers, in units of 1e-16.
            let num = (n * self.sum_sq - self.sum * self.sum).max(0);
            (num as f64 / (TICKS * TICKS) / (n * (n - 1)) as f64).sqrt()
        })
    }

    /// The mean with its 95% t interval.
    pub fn tone(&self) -> Option<Tone> {
        let mean = self.mean()?;
        let ci = self.sd().map(|sd| {
            let half = t_quantile_975(self.count() - 1) * sd / (self.n as f64).sqrt();
            ((mean - half).max(-1.0), (mean + half).min(1.0))
        });
        Some(Tone { mean, ci })
    }
}

/// A mean compound and its 95% confidence interval (none for n = 1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tone {
    /// Mean compound.
    pub mean: f64,
    /// (low, high), clipped to [-1, 1].
    pub ci: Option<(f64, f64)>,
}

/// Rounds to 4 decimals, the precision of compound in the tables.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expansion_continues_the_table() {
        // At df = 30 the expansion must agree with the table (so the switch
        // at 31 has no jump), and it tends to the normal quantile.
        let at30 = {
            let z = Z975;
            let d = 30.0;
            z + (z.powi(3) + z) / 4.0 / d
                + (5.0 * z.powi(5) + 16.0 * z.powi(3) + 3.0 * z) / 96.0 / (d * d)
                + (3.0 * z.powi(7) + 19.0 * z.powi(5) + 17.0 * z.powi(3) - 15.0 * z)
                    / 384.0
                    / (d * d * d)
        };
        assert!((at30 - t_quantile_975(30)).abs() < 1e-4, "{at30}");
        // qt(0.975, 100) = 1.983972, qt(0.975, 1000) = 1.962339.
        assert!((t_quantile_975(100) - 1.983972).abs() < 1e-5);
        assert!((t_quantile_975(1000) - 1.962339).abs() < 1e-5);
        assert!(t_quantile_975(31) < t_quantile_975(30));
    }

    #[test]
    fn mean_and_interval_of_known_values() {
        let mut m = Moments::default();
        for x in [0.1, 0.2, 0.3, 0.4] {
            m.push(x);
        }
        let t = m.tone().unwrap();
        assert!((t.mean - 0.25).abs() < 1e-12);
        // sd = 0.1290994, se = 0.0645497, t(3) = 3.182446 -> half 0.2054254.
        let (lo, hi) = t.ci.unwrap();
        assert!((lo - (0.25 - 0.2054254)).abs() < 1e-6, "{lo}");
        assert!((hi - (0.25 + 0.2054254)).abs() < 1e-6, "{hi}");
    }

    #[test]
    fn one_value_has_no_interval_and_bounds_are_clipped() {
        let mut m = Moments::default();
        assert_eq!(m.tone(), None);
        m.push(0.9);
        assert_eq!(m.tone().unwrap().ci, None);
        m.push(-0.9);
        // t(1) = 12.7: the raw interval is far outside [-1, 1].
        assert_eq!(m.tone().unwrap().ci, Some((-1.0, 1.0)));
    }

    #[test]
    fn order_does_not_change_the_last_digit() {
        // Regression (found by the property test in report::tests::props):
        // the mean of these is 0.33825, and a floating-point running mean
        // (Welford) rounded it to 0.3382 in one order and 0.3383 in another.
        let xs = [0.309, 0.737, 0.401, -0.094];
        let mut a = Moments::default();
        let mut b = Moments::default();
        xs.iter().for_each(|&x| a.push(x));
        xs.iter().rev().for_each(|&x| b.push(x));
        assert_eq!(a, b);
        assert_eq!(a.tone(), b.tone());
    }
}
