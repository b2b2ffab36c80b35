//! The plot of p99 latency against corpus size for both engines (PNG, drawn with plotters'
//! bitmap backend; labels use a TrueType font found on the system, and are left out when
//! there is none).

use std::path::Path;

use anyhow::{Result, anyhow};
use plotters::prelude::*;

use crate::TierResult;
use crate::report::geomean;

const FONT_PATHS: &[&str] = &[
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/System/Library/Fonts/Supplemental/Arial.ttf",
    "C:\\Windows\\Fonts\\arial.ttf",
];

fn register_font() -> bool {
    static REGISTERED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *REGISTERED.get_or_init(|| {
        FONT_PATHS.iter().any(|p| {
            std::fs::read(p).ok().is_some_and(|bytes| {
                let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
                plotters::style::register_font("sans-serif", FontStyle::Normal, bytes).is_ok()
            })
        })
    })
}

/// One line of the plot: a label and (documents, milliseconds) points.
type Series = (String, RGBColor, bool, Vec<(f64, f64)>);

fn series(results: &[TierResult]) -> Vec<Series> {
    let worst = |f: &dyn Fn(&crate::ClassResult) -> f64| -> Vec<(f64, f64)> {
        results
            .iter()
            .map(|r| {
                let m = r.search.classes.iter().map(f).fold(0.0, f64::max);
                (r.documents as f64, m)
            })
            .collect()
    };
    let mean = |f: &dyn Fn(&crate::ClassResult) -> f64| -> Vec<(f64, f64)> {
        results
            .iter()
            .map(|r| {
                let v: Vec<f64> = r.search.classes.iter().map(f).collect();
                (r.documents as f64, geomean(&v))
            })
            .collect()
    };
    let blue = RGBColor(31, 119, 180);
    let orange = RGBColor(230, 120, 20);
    vec![
        (
            "Raadsvolger, slowest class".into(),
            blue,
            true,
            worst(&|c| c.rv_count.p99),
        ),
        (
            "Raadsvolger, geometric mean of classes".into(),
            blue,
            false,
            mean(&|c| c.rv_count.p99),
        ),
        (
            "SQLite FTS5, slowest class".into(),
            orange,
            true,
            worst(&|c| c.fts_count.p99),
        ),
        (
            "SQLite FTS5, geometric mean of classes".into(),
            orange,
            false,
            mean(&|c| c.fts_count.p99),
        ),
    ]
}

/// Draws p99 (top 10 and total) against the number of documents, log-log.
pub fn p99_against_size(results: &[TierResult], path: &Path) -> Result<()> {
    let labels = register_font();
    let lines = series(results);
    let all: Vec<(f64, f64)> = lines.iter().flat_map(|l| l.3.iter().copied()).collect();
    let x_min = all.iter().map(|p| p.0).fold(f64::MAX, f64::min).max(1.0) / 1.5;
    let x_max = all.iter().map(|p| p.0).fold(1.0, f64::max) * 1.5;
    let y_min = all.iter().map(|p| p.1).fold(f64::MAX, f64::min).max(0.001) / 2.0;
    let y_max = all.iter().map(|p| p.1).fold(0.01, f64::max) * 2.0;

    let root = BitMapBackend::new(path, (1000, 640)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| anyhow!("{e}"))?;
    let mut builder = ChartBuilder::on(&root);
    builder.margin(24);
    if labels {
        builder
            .caption(
                "Search p99 (top 10 + total) against corpus size",
                ("sans-serif", 26),
            )
            .x_label_area_size(50)
            .y_label_area_size(70);
    }
    let mut chart = builder
        .build_cartesian_2d((x_min..x_max).log_scale(), (y_min..y_max).log_scale())
        .map_err(|e| anyhow!("{e}"))?;
    let mut mesh = chart.configure_mesh();
    if labels {
        mesh.x_desc("documents")
            .y_desc("p99 latency (ms)")
            .x_label_formatter(&|x| {
                // Powers of ten only: the tiers are 10k, 100k and 1M.
                let l = x.log10();
                if (l - l.round()).abs() < 1e-6 {
                    crate::tier_name(x.round() as u64)
                } else {
                    String::new()
                }
            })
            .y_label_formatter(&|y| format!("{y}"))
            .label_style(("sans-serif", 16));
    } else {
        mesh.disable_x_mesh().disable_y_mesh();
    }
    mesh.draw().map_err(|e| anyhow!("{e}"))?;
    for (label, color, solid, points) in &lines {
        let style = if *solid {
            color.stroke_width(3)
        } else {
            color.mix(0.5).stroke_width(1)
        };
        let drawn = chart
            .draw_series(LineSeries::new(points.iter().copied(), style))
            .map_err(|e| anyhow!("{e}"))?;
        if labels {
            drawn
                .label(label.as_str())
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], style));
        }
        let marker = if *solid {
            color.filled()
        } else {
            color.stroke_width(2)
        };
        chart
            .draw_series(points.iter().map(|&p| Circle::new(p, 5, marker)))
            .map_err(|e| anyhow!("{e}"))?;
    }
    if labels {
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .label_font(("sans-serif", 16))
            .draw()
            .map_err(|e| anyhow!("{e}"))?;
    }
    root.present().map_err(|e| anyhow!("{e}"))?;
    Ok(())
}
