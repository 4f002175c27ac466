//! Names of lunar years in the sexagenary cycle (*can chi*): ten heavenly stems (*thiên can*)
//! times twelve earthly branches (*địa chi*), repeating every 60 years; 1984 is Giáp Tý.

/// The heavenly stems, from Giáp (year ≡ 4 mod 10).
const STEMS: [&str; 10] = [
    "Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý",
];

/// The elements of the stems in English (two stems per element).
const STEM_ELEMENTS: [&str; 10] = [
    "Wood", "Wood", "Fire", "Fire", "Earth", "Earth", "Metal", "Metal", "Water", "Water",
];

/// The earthly branches, from Tý (year ≡ 4 mod 12).
const BRANCHES: [&str; 12] = [
    "Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi",
];

/// The animals of the branches in the Vietnamese zodiac (Sửu is the buffalo and Mão the cat,
/// where the Chinese zodiac has the ox and the rabbit).
const ANIMALS: [&str; 12] = [
    "Rat", "Buffalo", "Tiger", "Cat", "Dragon", "Snake", "Horse", "Goat", "Monkey", "Rooster",
    "Dog", "Pig",
];

/// The stem and branch of lunar `year` (any year: the cycle is arithmetic), e.g.
/// `("Ất", "Tỵ")` for 2025.
pub fn can_chi_parts(year: i32) -> (&'static str, &'static str) {
    let stem = usize::try_from((i64::from(year) - 4).rem_euclid(10)).unwrap_or(0);
    let branch = usize::try_from((i64::from(year) - 4).rem_euclid(12)).unwrap_or(0);
    (
        STEMS.get(stem).copied().unwrap_or_default(),
        BRANCHES.get(branch).copied().unwrap_or_default(),
    )
}

/// The Vietnamese name of lunar `year` in the sexagenary cycle.
///
/// The name belongs to the lunar year, which starts at Tết: 2025-01-28 is still in Giáp Thìn.
///
/// ```
/// use motcua::lunar::can_chi;
/// assert_eq!(can_chi(2025), "Ất Tỵ");
/// assert_eq!(can_chi(2026), "Bính Ngọ");
/// assert_eq!(can_chi(1984), "Giáp Tý");
/// ```
pub fn can_chi(year: i32) -> String {
    let (stem, branch) = can_chi_parts(year);
    format!("{stem} {branch}")
}

/// An English rendering of the sexagenary name: the stem's element and the branch's animal in
/// the Vietnamese zodiac, e.g. `"Wood Snake"` for 2025 (Ất Tỵ), `"Water Cat"` for 2023 (Quý
/// Mão).
///
/// ```
/// use motcua::lunar::can_chi_en;
/// assert_eq!(can_chi_en(2025), "Wood Snake");
/// assert_eq!(can_chi_en(2023), "Water Cat");
/// ```
pub fn can_chi_en(year: i32) -> String {
    let stem = usize::try_from((i64::from(year) - 4).rem_euclid(10)).unwrap_or(0);
    let branch = usize::try_from((i64::from(year) - 4).rem_euclid(12)).unwrap_or(0);
    format!(
        "{} {}",
        STEM_ELEMENTS.get(stem).copied().unwrap_or_default(),
        ANIMALS.get(branch).copied().unwrap_or_default()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_years() {
        assert_eq!(can_chi(1984), "Giáp Tý");
        assert_eq!(can_chi(2024), "Giáp Thìn");
        assert_eq!(can_chi(2025), "Ất Tỵ");
        assert_eq!(can_chi(2026), "Bính Ngọ");
        assert_eq!(can_chi(1945), "Ất Dậu");
        assert_eq!(can_chi(1968), "Mậu Thân");
        assert_eq!(can_chi(1900), "Canh Tý");
        assert_eq!(can_chi(2199), "Kỷ Hợi");
        assert_eq!(can_chi(4), "Giáp Tý");
        assert_eq!(can_chi(-56), "Giáp Tý");
        assert_eq!(can_chi(i32::MIN), can_chi(i32::MIN + 60));
        assert_eq!(can_chi_en(2026), "Fire Horse");
        assert_eq!(can_chi_en(2021), "Metal Buffalo");
    }
}
