# Sähköinen palvelu in a comment
welcome = Käytä sähköisiä palveluja, { $name }.
-brand = Sähköinen asiointi
services = { $count ->
    [one] yksi sähköinen palvelu
   *[other] { $count } sähköistä palvelua
}
login =
    Kirjaudu sähköiseen
    palveluun.
    .title = Sähköinen asiointi auki
