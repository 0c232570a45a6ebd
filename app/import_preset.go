package app

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ImportFields are the fields a column can be mapped to, per kind of
// record. A column mapped to "" is ignored. Custom fields are "cf.KEY".
var ImportFields = map[string][]string{
	"contact": {"first_name", "middle_name", "last_name", "display_name", "title", "company", "email", "phone", "mobile",
		"email.work", "email.home", "email.other", "email_label", "phone.work", "phone.home", "phone.fax", "phone.other", "phone_label",
		"website", "social", "social_label", "birthday", "birthday.year", "birthday.month", "birthday.day", "lead_source", "lifecycle_status", "owner", "notes", "tags",
		"address.street", "address.city", "address.region", "address.postal_code", "address.country", "id", "created_at", "updated_at"},
	"company": {"name", "domain", "website", "industry", "size", "phone", "owner", "notes", "tags",
		"address.street", "address.city", "address.region", "address.postal_code", "address.country", "id", "created_at", "updated_at"},
	"deal": {"title", "value", "currency", "pipeline", "stage", "status", "lost_reason", "company", "contact",
		"owner", "expected_close_date", "source", "notes", "tags", "id", "created_at", "updated_at"},
}

// ImportPresets are the export layouts Rolo recognises, by CLI name.
var ImportPresets = []string{"google", "google-legacy", "outlook", "outlook-de", "outlook-fr", "outlook-ja", "thunderbird", "linkedin",
	"hubspot", "pipedrive", "rolo"}

// preset maps one vendor's header names to fields; sign lists headers
// that only this vendor writes, to recognise the file.
type preset struct {
	name, entity string
	sign         []string
	columns      map[string]string
}

var presets = append(outlookPresets(), vendorPresets...)

var vendorPresets = []preset{
	{name: "google", entity: "contact", sign: []string{"E-mail 1 - Value", "Labels", "Organization Name"}, columns: map[string]string{
		"First Name": "first_name", "Middle Name": "middle_name", "Last Name": "last_name", "Nickname": "",
		"Organization Name": "company", "Organization Title": "title", "Birthday": "birthday", "Notes": "notes", "Labels": "tags",
		"E-mail 1 - Value": "email", "E-mail 2 - Value": "email", "E-mail 3 - Value": "email",
		"Phone 1 - Value": "phone", "Phone 2 - Value": "phone", "Phone 3 - Value": "phone",
		"Phone 4 - Value": "phone", "Phone 5 - Value": "phone", "Phone 6 - Value": "phone",
		"E-mail 4 - Value": "email", "E-mail 5 - Value": "email",
		"E-mail 1 - Label": "email_label", "E-mail 2 - Label": "email_label", "E-mail 3 - Label": "email_label",
		"E-mail 4 - Label": "email_label", "E-mail 5 - Label": "email_label",
		"Phone 1 - Label": "phone_label", "Phone 2 - Label": "phone_label", "Phone 3 - Label": "phone_label",
		"Phone 4 - Label": "phone_label", "Phone 5 - Label": "phone_label", "Phone 6 - Label": "phone_label",
		"Address 1 - Street": "address.street", "Address 1 - City": "address.city", "Address 1 - Region": "address.region",
		"Address 1 - Postal Code": "address.postal_code", "Address 1 - Country": "address.country", "Website 1 - Value": "website",
	}},
	{name: "google-legacy", entity: "contact", sign: []string{"Given Name", "Family Name", "Group Membership"}, columns: map[string]string{
		"Name": "display_name", "Given Name": "first_name", "Additional Name": "middle_name", "Family Name": "last_name",
		"Birthday": "birthday", "Notes": "notes", "Group Membership": "tags",
		"E-mail 1 - Value": "email", "E-mail 2 - Value": "email", "E-mail 3 - Value": "email",
		"Phone 1 - Value": "phone", "Phone 2 - Value": "phone", "Phone 3 - Value": "phone",
		"E-mail 1 - Type": "email_label", "E-mail 2 - Type": "email_label", "E-mail 3 - Type": "email_label",
		"Phone 1 - Type": "phone_label", "Phone 2 - Type": "phone_label", "Phone 3 - Type": "phone_label",
		"Address 1 - Street": "address.street", "Address 1 - City": "address.city", "Address 1 - Region": "address.region",
		"Address 1 - Postal Code": "address.postal_code", "Address 1 - Country": "address.country",
		"Organization 1 - Name": "company", "Organization 1 - Title": "title", "Website 1 - Value": "website",
	}},
	{name: "thunderbird", entity: "contact", sign: []string{"Primary Email", "Mobile Number", "Display Name"}, columns: map[string]string{
		"First Name": "first_name", "Last Name": "last_name", "Display Name": "display_name", "Nickname": "",
		"Primary Email": "email", "Secondary Email": "email", "Work Phone": "phone.work", "Home Phone": "phone.home", "Mobile Number": "mobile",
		"Fax Number": "phone.fax", "Pager Number": "phone.other", "Work Address": "address.street", "Work Address 2": "address.street", "Work City": "address.city", "Work State": "address.region",
		"Work ZipCode": "address.postal_code", "Work Country": "address.country", "Job Title": "title", "Organization": "company",
		"Web Page 1": "website", "Notes": "notes", "Birth Year": "birthday.year", "Birth Month": "birthday.month", "Birth Day": "birthday.day",
		"Home Address": "address.street", "Home Address 2": "address.street", "Home City": "address.city", "Home State": "address.region",
		"Home ZipCode": "address.postal_code", "Home Country": "address.country",
	}},
	{name: "linkedin", entity: "contact", sign: []string{"First Name", "Last Name", "URL", "Connected On"}, columns: map[string]string{
		"First Name": "first_name", "Last Name": "last_name", "URL": "website", "Email Address": "email", "Company": "company",
		"Position": "title", "Connected On": "",
	}},
	{name: "hubspot", entity: "contact", sign: []string{"Record ID", "Lifecycle Stage", "Contact owner"}, columns: map[string]string{
		"Record ID": "", "First Name": "first_name", "Last Name": "last_name", "Email": "email", "Phone Number": "phone",
		"Mobile Phone Number": "mobile", "Fax Number": "phone.fax", "Company Name": "company", "Job Title": "title", "Lifecycle Stage": "lifecycle_status",
		"Contact owner": "owner", "Street Address": "address.street", "City": "address.city", "State/Region": "address.region",
		"Postal Code": "address.postal_code", "Country/Region": "address.country", "Website URL": "website",
		"Original Source": "lead_source", "Lead Status": "", "Create Date": "", "Last Activity Date": "",
	}},
	{name: "pipedrive", entity: "contact", sign: []string{"Person - Name", "Person - Organization"}, columns: map[string]string{
		"Person - Name": "display_name", "Person - First name": "first_name", "Person - Last name": "last_name",
		"Person - Email - Work": "email.work", "Person - Email - Home": "email.home", "Person - Email - Other": "email.other", "Person - Email": "email",
		"Person - Phone - Work": "phone.work", "Person - Phone - Home": "phone.home", "Person - Phone - Other": "phone.other", "Person - Phone - Mobile": "mobile", "Person - Phone": "phone",
		"Person - Organization": "company", "Person - Owner": "owner", "Person - Labels": "tags", "Person - Label": "tags",
		"Person - Job title": "title", "Person - Birthday": "birthday", "Person - Notes": "notes", "Person - ID": "",
	}},
	{name: "pipedrive", entity: "company", sign: []string{"Organization - Name"}, columns: map[string]string{
		"Organization - Name": "name", "Organization - Address": "address.street", "Organization - Owner": "owner",
		"Organization - Labels": "tags", "Organization - Label": "tags", "Organization - Website": "website",
		"Organization - Industry": "industry", "Organization - ID": "",
	}},
	{name: "pipedrive", entity: "deal", sign: []string{"Deal - Title", "Deal - Stage"}, columns: map[string]string{
		"Deal - Title": "title", "Deal - Value": "value", "Deal - Currency": "currency", "Deal - Pipeline": "pipeline",
		"Deal - Stage": "stage", "Deal - Status": "status", "Deal - Lost reason": "lost_reason", "Deal - Organization": "company",
		"Deal - Contact person": "contact", "Deal - Owner": "owner", "Deal - Expected close date": "expected_close_date",
		"Deal - Source": "source", "Deal - Label": "tags", "Deal - Labels": "tags", "Deal - ID": "",
	}},
}

// rolo's own export writes the field names as headers, with email_2,
// phone_2… for the further channels, and the record times, which a
// record the import creates keeps.
func roloColumn(entity, header string) (string, bool) {
	h := strings.ToLower(strings.TrimSpace(header))
	for _, prefix := range []string{"email_", "phone_"} {
		n, label := strings.CutSuffix(h[min(len(h), len(prefix)):], "_label")
		if strings.HasPrefix(h, prefix) && n != "" && strings.Trim(n, "0123456789") == "" {
			if label {
				return prefix + "label", true // email_2_label
			}
			return strings.TrimSuffix(prefix, "_"), true
		}
	}
	switch h {
	case "company_id", "owner_id":
		return "", true
	}
	if strings.HasPrefix(h, "cf.") || contains(ImportFields[entity], h) {
		return h, true
	}
	return "", false
}

// detectPreset names the preset whose signature headers the file has, or
// "rolo" when every header is a Rolo field name, or "".
func detectPreset(entity string, header []string) string {
	have := map[string]bool{}
	for _, h := range header {
		have[h] = true
	}
	for _, p := range presets {
		if p.entity != entity {
			continue
		}
		all := true
		for _, s := range p.sign {
			all = all && have[s]
		}
		if all {
			return p.name
		}
	}
	rolo := 0
	for _, h := range header {
		if _, ok := roloColumn(entity, h); ok {
			rolo++
		}
	}
	if rolo == len(header) && (have["id"] || have["display_name"] || have["name"] || have["title"]) {
		return "rolo"
	}
	return ""
}

// mapColumns gives the field of every column: the preset's where it names
// the header, otherwise a guess from the header in English, Korean,
// Japanese or Chinese, otherwise "" (ignored).
func mapColumns(entity, presetName string, header []string) []string {
	fields := make([]string, len(header))
	seen := map[string]int{}
	for i, h := range header {
		if presetName == "rolo" {
			fields[i], _ = roloColumn(entity, h)
			continue
		}
		// A header that repeats is "Name #2" the second time (French
		// Outlook's two "Titre": the honorific, then the job title).
		if seen[h]++; seen[h] > 1 {
			if f, ok := presetColumn(entity, presetName, h+" #"+strconv.Itoa(seen[h])); ok {
				fields[i] = f
				continue
			}
		}
		if f, ok := presetColumn(entity, presetName, h); ok {
			fields[i] = f
			continue
		}
		fields[i] = guessField(entity, h)
	}
	return fields
}

func presetColumn(entity, name, header string) (string, bool) {
	for _, p := range presets {
		if p.name == name && p.entity == entity {
			f, ok := p.columns[header]
			return f, ok
		}
	}
	return "", false
}

// headerKey folds a header for guessing: width, case, spaces and
// punctuation do not matter ("E-Mail Address" is "emailaddress").
func headerKey(h string) string {
	h = strings.ToLower(norm.NFKC.String(h))
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, h)
}

var guesses = map[string]map[string]string{
	"contact": {
		"firstname": "first_name", "givenname": "first_name", "forename": "first_name", "first": "first_name",
		"이름": "display_name", "名": "first_name", "名前": "display_name", "お名前": "display_name", "氏名": "display_name",
		"姓名": "display_name", "名字": "last_name", "성명": "display_name", "성": "last_name", "姓": "last_name",
		"middlename": "middle_name",
		"lastname":   "last_name", "surname": "last_name", "familyname": "last_name", "last": "last_name",
		"name": "display_name", "fullname": "display_name", "contactname": "display_name", "displayname": "display_name", "contact": "display_name",
		"email": "email", "emailaddress": "email", "mail": "email", "email1": "email", "email2": "email", "workemail": "email",
		"이메일": "email", "메일": "email", "전자우편": "email", "이메일주소": "email", "メール": "email", "メールアドレス": "email",
		"eメール": "email", "電子メール": "email", "邮箱": "email", "电子邮件": "email", "邮件": "email", "电子邮箱": "email", "邮箱地址": "email",
		"phone": "phone", "telephone": "phone", "tel": "phone", "phonenumber": "phone", "workphone": "phone", "businessphone": "phone",
		"전화": "phone", "전화번호": "phone", "연락처": "phone", "電話": "phone", "電話番号": "phone", "电话": "phone", "电话号码": "phone", "联系电话": "phone",
		"mobile": "mobile", "cell": "mobile", "mobilephone": "mobile", "cellphone": "mobile",
		"휴대폰": "mobile", "휴대전화": "mobile", "핸드폰": "mobile", "携帯": "mobile", "携帯電話": "mobile", "手机": "mobile", "手机号": "mobile", "手机号码": "mobile",
		"company": "company", "organization": "company", "organisation": "company", "companyname": "company", "account": "company", "employer": "company",
		"회사": "company", "회사명": "company", "소속": "company", "会社": "company", "会社名": "company", "勤務先": "company", "所属": "company",
		"公司": "company", "公司名称": "company", "单位": "company",
		"title": "title", "jobtitle": "title", "position": "title", "role": "title",
		"직책": "title", "직함": "title", "직위": "title", "役職": "title", "職位": "title", "职位": "title", "职务": "title",
		"website": "website", "url": "website", "web": "website", "webpage": "website", "homepage": "website",
		"웹사이트": "website", "홈페이지": "website", "ウェブサイト": "website", "ホームページ": "website", "网站": "website", "网址": "website",
		"birthday": "birthday", "dateofbirth": "birthday", "dob": "birthday", "birthdate": "birthday",
		"생일": "birthday", "생년월일": "birthday", "誕生日": "birthday", "生年月日": "birthday", "生日": "birthday", "出生日期": "birthday",
		"notes": "notes", "note": "notes", "comments": "notes", "comment": "notes", "description": "notes",
		"메모": "notes", "비고": "notes", "メモ": "notes", "備考": "notes", "备注": "notes",
		"tags": "tags", "tag": "tags", "labels": "tags", "label": "tags", "categories": "tags", "groups": "tags",
		"태그": "tags", "그룹": "tags", "タグ": "tags", "グループ": "tags", "标签": "tags", "分组": "tags",
		"street": "address.street", "address": "address.street", "streetaddress": "address.street", "address1": "address.street",
		"주소": "address.street", "住所": "address.street", "地址": "address.street",
		"city": "address.city", "town": "address.city", "도시": "address.city", "市区町村": "address.city", "城市": "address.city",
		"state": "address.region", "region": "address.region", "province": "address.region", "county": "address.region",
		"都道府県": "address.region", "省份": "address.region", "省": "address.region", "시도": "address.region",
		"zip": "address.postal_code", "zipcode": "address.postal_code", "postalcode": "address.postal_code", "postcode": "address.postal_code",
		"우편번호": "address.postal_code", "郵便番号": "address.postal_code", "邮编": "address.postal_code", "邮政编码": "address.postal_code",
		"country": "address.country", "국가": "address.country", "国": "address.country", "国家": "address.country",
		"status": "lifecycle_status", "lifecyclestage": "lifecycle_status", "lifecyclestatus": "lifecycle_status", "상태": "lifecycle_status",
		"source": "lead_source", "leadsource": "lead_source", "유입경로": "lead_source", "来源": "lead_source",
		"owner": "owner", "contactowner": "owner", "담당자": "owner", "担当者": "owner", "负责人": "owner",
	},
	"company": {
		"name": "name", "company": "name", "companyname": "name", "organization": "name", "organisation": "name", "account": "name",
		"회사": "name", "회사명": "name", "会社": "name", "会社名": "name", "公司": "name", "公司名称": "name",
		"domain": "domain", "도메인": "domain", "website": "website", "url": "website", "웹사이트": "website", "ホームページ": "website", "网站": "website",
		"industry": "industry", "업종": "industry", "業種": "industry", "行业": "industry",
		"size": "size", "employees": "size", "직원수": "size", "従業員数": "size", "员工人数": "size",
		"phone": "phone", "telephone": "phone", "전화": "phone", "전화번호": "phone", "電話番号": "phone", "电话": "phone",
		"owner": "owner", "notes": "notes", "메모": "notes", "備考": "notes", "备注": "notes", "tags": "tags", "태그": "tags", "タグ": "tags", "标签": "tags",
		"street": "address.street", "address": "address.street", "주소": "address.street", "住所": "address.street", "地址": "address.street",
		"city": "address.city", "state": "address.region", "region": "address.region", "zip": "address.postal_code",
		"postalcode": "address.postal_code", "country": "address.country", "국가": "address.country", "国家": "address.country",
	},
	"deal": {
		"title": "title", "deal": "title", "dealname": "title", "name": "title", "거래명": "title", "案件名": "title", "商机名称": "title",
		"value": "value", "amount": "value", "금액": "value", "金額": "value", "金额": "value",
		"currency": "currency", "통화": "currency", "通貨": "currency", "货币": "currency",
		"pipeline": "pipeline", "stage": "stage", "dealstage": "stage", "단계": "stage", "ステージ": "stage", "阶段": "stage",
		"status": "status", "lostreason": "lost_reason", "company": "company", "organization": "company", "회사": "company", "会社": "company", "公司": "company",
		"contact": "contact", "contactemail": "contact", "email": "contact", "contactperson": "contact",
		"owner": "owner", "dealowner": "owner", "closedate": "expected_close_date", "expectedclosedate": "expected_close_date",
		"source": "source", "notes": "notes", "tags": "tags",
	},
}

func guessField(entity, header string) string {
	return guesses[entity][headerKey(header)]
}
