package app

// Outlook writes its CSV headers in the language it is installed in. Each
// row names a field and the header of that column in English, German,
// French and Japanese; the honorific Title ("Anrede", "Titre", "敬称") and
// the suffix are not the job title and are left out.
var outlookColumns = [][5]string{
	// field, English, German, French, Japanese
	{"", "Title", "Anrede", "Titre", "敬称"},
	{"first_name", "First Name", "Vorname", "Prénom", "名"},
	{"middle_name", "Middle Name", "Weitere Vornamen", "Deuxième prénom", "ミドル ネーム"},
	{"last_name", "Last Name", "Nachname", "Nom", "姓"},
	{"", "Suffix", "Suffix", "Suffixe", "敬称 (英語)"},
	{"company", "Company", "Firma", "Société", "会社名"},
	{"", "Department", "Abteilung", "Service", "部署"},
	{"title", "Job Title", "Position", "Titre #2", "役職"}, // French writes "Titre" twice: the second is the job
	{"address.street", "Business Street", "Straße geschäftlich", "Rue (bureau)", "番地 (会社)"},
	{"address.street", "Business Street 2", "Straße geschäftlich 2", "Rue (bureau) 2", "番地 2 (会社)"},
	{"address.street", "Business Street 3", "Straße geschäftlich 3", "Rue (bureau) 3", "番地 3 (会社)"},
	{"address.city", "Business City", "Ort geschäftlich", "Ville (bureau)", "市町村 (会社)"},
	{"address.region", "Business State", "Region geschäftlich", "Dép/Région (bureau)", "都道府県 (会社)"},
	{"address.postal_code", "Business Postal Code", "Postleitzahl geschäftlich", "Code postal (bureau)", "郵便番号 (会社)"},
	{"address.country", "Business Country/Region", "Land/Region geschäftlich", "Pays/Région (bureau)", "国/地域 (会社)"},
	{"address.street", "Home Street", "Straße privat", "Rue (domicile)", "番地 (自宅)"},
	{"address.street", "Home Street 2", "Straße privat 2", "Rue (domicile) 2", "番地 2 (自宅)"},
	{"address.street", "Home Street 3", "Straße privat 3", "Rue (domicile) 3", "番地 3 (自宅)"},
	{"address.city", "Home City", "Ort privat", "Ville (domicile)", "市町村 (自宅)"},
	{"address.region", "Home State", "Bundesland/Kanton privat", "Dép/Région (domicile)", "都道府県 (自宅)"},
	{"address.postal_code", "Home Postal Code", "Postleitzahl privat", "Code postal (domicile)", "郵便番号 (自宅)"},
	{"address.country", "Home Country/Region", "Land/Region privat", "Pays/Région (domicile)", "国/地域 (自宅)"},
	{"address.street", "Other Street", "Weitere Straße", "Rue (autre)", "番地 (その他)"},
	{"address.street", "Other Street 2", "Weitere Straße 2", "Rue (autre) 2", "番地 2 (その他)"},
	{"address.street", "Other Street 3", "Weitere Straße 3", "Rue (autre) 3", "番地 3 (その他)"},
	{"address.city", "Other City", "Weiterer Ort", "Ville (autre)", "市町村 (その他)"},
	{"address.region", "Other State", "Weiteres/r Bundesland/Kanton", "Dép/Région (autre)", "都道府県 (その他)"},
	{"address.postal_code", "Other Postal Code", "Weitere Postleitzahl", "Code postal (autre)", "郵便番号 (その他)"},
	{"address.country", "Other Country/Region", "Weiteres/r Land/Region", "Pays/Région (autre)", "国/地域 (その他)"},
	{"phone.other", "Assistant's Phone", "Telefon Assistent", "Téléphone de l'assistant(e)", "アシスタントの電話"},
	{"phone.fax", "Business Fax", "Fax geschäftlich", "Télécopie (bureau)", "会社 FAX"},
	{"phone.work", "Business Phone", "Telefon geschäftlich", "Téléphone (bureau)", "会社電話"},
	{"phone.work", "Business Phone 2", "Telefon geschäftlich 2", "Téléphone 2 (bureau)", "会社電話 2"},
	{"phone.other", "Callback", "Rückmeldung", "Rappel", "コールバック"},
	{"phone.other", "Car Phone", "Autotelefon", "Téléphone (voiture)", "自動車電話"},
	{"phone.work", "Company Main Phone", "Telefon Firma", "Téléphone société", "会社代表電話"},
	{"phone.fax", "Home Fax", "Fax privat", "Télécopie (domicile)", "自宅 FAX"},
	{"phone.home", "Home Phone", "Telefon privat", "Téléphone (domicile)", "自宅電話"},
	{"phone.home", "Home Phone 2", "Telefon privat 2", "Téléphone 2 (domicile)", "自宅電話 2"},
	{"phone.other", "ISDN", "ISDN", "RNIS", "ISDN"},
	{"mobile", "Mobile Phone", "Mobiltelefon", "Tél. mobile", "携帯電話"},
	{"phone.fax", "Other Fax", "Weiteres Fax", "Télécopie (autre)", "その他の FAX"},
	{"phone.other", "Other Phone", "Weiteres Telefon", "Téléphone (autre)", "その他の電話"},
	{"phone.other", "Pager", "Pager", "Récepteur de radiomessagerie", "ポケットベル"},
	{"phone", "Primary Phone", "Haupttelefon", "Téléphone principal", "電話 (優先)"},
	{"phone.other", "Radio Phone", "Mobiltelefon 2", "Radio téléphone", "無線"},
	{"phone.other", "TTY/TDD Phone", "Telefon für Hörbehinderte", "Téléphone TDD/TTY", "TTY/TDD 電話"},
	{"", "Telex", "Telex", "Télex", "テレックス"},
	{"", "Anniversary", "Jahrestag", "Anniversaire de mariage", "記念日"},
	{"birthday", "Birthday", "Geburtstag", "Anniversaire", "誕生日"},
	{"email", "E-mail Address", "E-Mail-Adresse", "Adresse de messagerie", "電子メール アドレス"},
	{"", "E-mail Type", "E-Mail-Typ", "Type de messagerie", "電子メールの種類"},
	{"", "E-mail Display Name", "E-Mail: Angezeigter Name", "Nom complet de l'adresse de messagerie", "電子メール表示名"},
	{"email", "E-mail 2 Address", "E-Mail 2: Adresse", "Adresse de messagerie 2", "電子メール 2 アドレス"},
	{"", "E-mail 2 Type", "E-Mail 2: Typ", "Type de messagerie 2", "電子メール 2 の種類"},
	{"", "E-mail 2 Display Name", "E-Mail 2: Angezeigter Name", "Nom complet de l'adresse de messagerie 2", "電子メール 2 表示名"},
	{"email", "E-mail 3 Address", "E-Mail 3: Adresse", "Adresse de messagerie 3", "電子メール 3 アドレス"},
	{"", "E-mail 3 Type", "E-Mail 3: Typ", "Type de messagerie 3", "電子メール 3 の種類"},
	{"", "E-mail 3 Display Name", "E-Mail 3: Angezeigter Name", "Nom complet de l'adresse de messagerie 3", "電子メール 3 表示名"},
	{"tags", "Categories", "Kategorien", "Catégories", "分類"},
	{"notes", "Notes", "Notizen", "Notes", "メモ"},
	{"website", "Web Page", "Webseite", "Page Web", "Web ページ"},
}

// outlookPresets are Outlook's presets, one per language, each
// recognised by its own names for the email, mobile and name columns.
func outlookPresets() []preset {
	signs := [][]string{1: {"E-mail Address", "Business Phone", "Mobile Phone", "Job Title"},
		2: {"Vorname", "Nachname", "E-Mail-Adresse"}, 3: {"Prénom", "Adresse de messagerie"}, 4: {"電子メール アドレス", "携帯電話"}}
	var out []preset
	for lang, name := range []string{1: "outlook", 2: "outlook-de", 3: "outlook-fr", 4: "outlook-ja"} {
		if lang == 0 {
			continue
		}
		p := preset{name: name, entity: "contact", sign: signs[lang], columns: map[string]string{}}
		for _, row := range outlookColumns {
			p.columns[row[lang]] = row[0]
		}
		out = append(out, p)
	}
	return out
}
