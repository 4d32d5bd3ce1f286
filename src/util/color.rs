//! sRGB colours as the theme settings give them, and the WCAG 2.1 contrast
//! ratio, so that a portal's colours keep its text readable.

/// An sRGB colour, channels from 0 to 255.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub [f64; 3]);

pub const WHITE: Rgb = Rgb([255.0; 3]);
pub const BLACK: Rgb = Rgb([0.0; 3]);

/// The contrast WCAG 2.1 AA asks of body text (criterion 1.4.3).
pub const AA_TEXT: f64 = 4.5;

impl Rgb {
    /// Reads `#rrggbb` or `#rgb`.
    pub fn parse(hex: &str) -> Option<Rgb> {
        let hex = hex.strip_prefix('#')?;
        let digit = |i: usize| u8::from_str_radix(hex.get(i..i + 1)?, 16).ok();
        let channel = |i: usize| -> Option<f64> {
            Some(match hex.len() {
                3 => f64::from(digit(i)? * 17),
                6 => f64::from(digit(2 * i)? * 16 + digit(2 * i + 1)?),
                _ => return None,
            })
        };
        Some(Rgb([channel(0)?, channel(1)?, channel(2)?]))
    }

    /// What CSS `color-mix(in srgb, self share, other)` gives.
    pub fn mix(self, share: f64, other: Rgb) -> Rgb {
        let [a, b] = [self.0, other.0];
        Rgb(std::array::from_fn(|i| a[i] * share + b[i] * (1.0 - share)))
    }

    pub fn hex(self) -> String {
        let [r, g, b] = self.0.map(|c| c.round().clamp(0.0, 255.0) as u8);
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    fn luminance(self) -> f64 {
        let [r, g, b] = self.0.map(|c| {
            let c = c / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        });
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    /// The WCAG contrast ratio, from 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

/// The text colour that reads best on `background`, and its contrast:
/// white, or the default theme's near-black text colour.
pub fn text_color_on(background: Rgb) -> (&'static str, f64) {
    const DARK_TEXT: &str = "#1c2226";
    let dark = Rgb::parse(DARK_TEXT).expect("a valid colour");
    let (on_white, on_dark) = (background.contrast(WHITE), background.contrast(dark));
    if on_white >= on_dark {
        ("#ffffff", on_white)
    } else {
        (DARK_TEXT, on_dark)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_wcag_examples() {
        assert!((WHITE.contrast(BLACK) - 21.0).abs() < 1e-9);
        // #767676 is the lightest grey that passes AA on white.
        let grey = Rgb::parse("#767676").unwrap();
        assert!(grey.contrast(WHITE) >= AA_TEXT);
        assert!(Rgb::parse("#777").unwrap().contrast(WHITE) < AA_TEXT);
    }

    #[test]
    fn mixes_like_css() {
        let accent = Rgb::parse("#0b5c6b").unwrap();
        assert_eq!(accent.mix(0.8, BLACK).hex(), "#094a56");
        assert_eq!(Rgb::parse("#fff").unwrap(), WHITE);
    }
}
