use motcua::prelude::*;

fn main() -> Result<(), Error> {
    let cal = vn::public_sector()?; // Vietnam's public-sector working days, 1995–2199
    let dossier: Dossier = r#"{"received":"2026-03-02T09:30","time_limit":{"working_days":3},
      "events":[{"type":"supplement_requested","at":"2026-03-03T10:00"},
      {"type":"supplement_received","at":"2026-03-10T08:00"},{"type":"resolved","at":"2026-03-12T16:00"}]}"#.parse()?;
    let opts = Options::new(&cal).as_of(parse_instant("2026-03-31", DateOnly::EndOfDay)?);
    println!("due {}", opts.due(&dossier)?.due); // due 2026-03-12
    println!("{}", opts.classify(&dossier)?.outcome); // on_time
    for h in vn::holidays(2026, &VnOptions::PUBLIC_SECTOR)? {
        println!("{} {} {}", h.date, h.kind, h.name_en);
    }
    Ok(())
}
