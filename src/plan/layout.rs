//! A deterministic drawing of the partnership network: actors start on a circle, grouped by
//! sector, and settle under a fixed number of Fruchterman-Reingold steps. Sequential arithmetic
//! in a fixed order, so the same network gives the same picture on every run.

/// Number of settling steps.
const STEPS: usize = 200;

/// Node positions in `[0, 1] × [0, 1]`, in the order of `order` (the node indices to place).
pub(super) fn layout(n: usize, edges: &[(usize, usize)]) -> Vec<(f64, f64)> {
    if n == 0 {
        return Vec::new();
    }
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let angle = std::f64::consts::TAU * i as f64 / n as f64;
            (0.5 + 0.45 * angle.cos(), 0.5 + 0.45 * angle.sin())
        })
        .collect();
    if n == 1 {
        return vec![(0.5, 0.5)];
    }
    let k = (1.0 / n as f64).sqrt();
    for step in 0..STEPS {
        let temperature = 0.1 * (1.0 - step as f64 / STEPS as f64);
        let mut disp = vec![(0.0f64, 0.0f64); n];
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d = (dx * dx + dy * dy).sqrt().max(1e-6);
                let f = k * k / d;
                let (fx, fy) = (dx / d * f, dy / d * f);
                disp[i].0 += fx;
                disp[i].1 += fy;
                disp[j].0 -= fx;
                disp[j].1 -= fy;
            }
        }
        for &(a, b) in edges {
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(1e-6);
            let f = d * d / k;
            let (fx, fy) = (dx / d * f, dy / d * f);
            disp[a].0 -= fx;
            disp[a].1 -= fy;
            disp[b].0 += fx;
            disp[b].1 += fy;
        }
        for (p, d) in pos.iter_mut().zip(&disp) {
            // A little gravity keeps separate components near each other.
            let (gx, gy) = ((0.5 - p.0) * 2.0 * k, (0.5 - p.1) * 2.0 * k);
            let (dx, dy) = (d.0 + gx, d.1 + gy);
            let len = (dx * dx + dy * dy).sqrt().max(1e-9);
            let step = len.min(temperature);
            p.0 += dx / len * step;
            p.1 += dy / len * step;
        }
    }
    normalise(pos)
}

/// Stretches the positions to fill the unit square.
fn normalise(pos: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in &pos {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    let (w, h) = ((x1 - x0).max(1e-9), (y1 - y0).max(1e-9));
    pos.into_iter()
        .map(|(x, y)| ((x - x0) / w, (y - y0) / h))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::layout;

    #[test]
    fn same_network_same_picture() {
        let edges = [(0, 1), (1, 2), (2, 0), (2, 3)];
        let a = layout(5, &edges);
        assert_eq!(a, layout(5, &edges));
        assert!(
            a.iter()
                .all(|&(x, y)| (0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y))
        );
    }
}
