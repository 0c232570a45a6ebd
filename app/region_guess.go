package app

import (
	"strings"

	"golang.org/x/text/language"
)

// ProposeRegion guesses the phone region of someone setting Rolo up from
// their browser: the country of its time zone (where they are), else the
// region of its first language that names one (ko-KR), else the region
// the first language is mostly spoken in (ko → KR), else the default.
// It is only a proposal: the setup form shows it to be confirmed.
func ProposeRegion(acceptLanguage, timeZone string) string {
	if region := zoneCountry(timeZone); region != "" && ValidRegion(region) {
		return region
	}
	tags, _, _ := language.ParseAcceptLanguage(acceptLanguage)
	if len(tags) > 8 {
		tags = tags[:8]
	}
	for _, tag := range tags {
		if region, conf := tag.Region(); conf == language.Exact && ValidRegion(region.String()) {
			return region.String()
		}
	}
	for _, tag := range tags {
		if region, conf := tag.Region(); conf >= language.Low && ValidRegion(region.String()) {
			return region.String()
		}
	}
	return DefaultPhoneRegion
}

// zoneCountry is the country an IANA time zone is the local time of, or
// "" for zones of no one country (UTC, Etc/GMT+5) and unknown ones.
func zoneCountry(zone string) string {
	zone = strings.TrimSpace(zone)
	if zone == "" || len(zone) > 64 {
		return ""
	}
	return zoneCountries[zone]
}

// zoneCountries maps each zone to its country, built once from
// zonesByCountry.
var zoneCountries = func() map[string]string {
	m := map[string]string{}
	for country, zones := range zonesByCountry {
		for _, z := range strings.Fields(zones) {
			m[z] = country
		}
	}
	return m
}()

// zonesByCountry lists, per country, the IANA zones (and the older names
// browsers still report) whose clocks are that country's, as the tz
// database's zone tables record them. A zone shared by several countries
// (Europe/Zurich is also Liechtenstein's) is given to the one it is
// named for.
var zonesByCountry = map[string]string{
	"KR": "Asia/Seoul ROK",
	"KP": "Asia/Pyongyang",
	"JP": "Asia/Tokyo Japan",
	"CN": "Asia/Shanghai Asia/Urumqi Asia/Chongqing Asia/Chungking Asia/Harbin Asia/Kashgar PRC",
	"TW": "Asia/Taipei ROC",
	"HK": "Asia/Hong_Kong Hongkong",
	"MO": "Asia/Macau Asia/Macao",
	"MN": "Asia/Ulaanbaatar Asia/Hovd Asia/Choibalsan Asia/Ulan_Bator",
	"SG": "Asia/Singapore Singapore",
	"MY": "Asia/Kuala_Lumpur Asia/Kuching",
	"ID": "Asia/Jakarta Asia/Pontianak Asia/Makassar Asia/Jayapura",
	"PH": "Asia/Manila",
	"TH": "Asia/Bangkok",
	"VN": "Asia/Ho_Chi_Minh Asia/Saigon",
	"KH": "Asia/Phnom_Penh",
	"LA": "Asia/Vientiane",
	"MM": "Asia/Yangon Asia/Rangoon",
	"BD": "Asia/Dhaka Asia/Dacca",
	"IN": "Asia/Kolkata Asia/Calcutta",
	"LK": "Asia/Colombo",
	"NP": "Asia/Kathmandu Asia/Katmandu",
	"BT": "Asia/Thimphu",
	"MV": "Indian/Maldives",
	"PK": "Asia/Karachi",
	"AF": "Asia/Kabul",
	"IR": "Asia/Tehran Iran",
	"IQ": "Asia/Baghdad",
	"KW": "Asia/Kuwait",
	"SA": "Asia/Riyadh",
	"AE": "Asia/Dubai",
	"OM": "Asia/Muscat",
	"QA": "Asia/Qatar",
	"BH": "Asia/Bahrain",
	"YE": "Asia/Aden",
	"JO": "Asia/Amman",
	"SY": "Asia/Damascus",
	"LB": "Asia/Beirut",
	"IL": "Asia/Jerusalem Asia/Tel_Aviv Israel",
	"PS": "Asia/Gaza Asia/Hebron",
	"CY": "Asia/Nicosia Asia/Famagusta Europe/Nicosia",
	"TR": "Europe/Istanbul Asia/Istanbul Turkey",
	"GE": "Asia/Tbilisi",
	"AM": "Asia/Yerevan",
	"AZ": "Asia/Baku",
	"KZ": "Asia/Almaty Asia/Qyzylorda Asia/Qostanay Asia/Aqtobe Asia/Aqtau Asia/Atyrau Asia/Oral",
	"UZ": "Asia/Tashkent Asia/Samarkand",
	"TM": "Asia/Ashgabat",
	"TJ": "Asia/Dushanbe",
	"KG": "Asia/Bishkek",
	"RU": "Europe/Moscow Europe/Kaliningrad Europe/Samara Europe/Volgograd Europe/Saratov Europe/Ulyanovsk Europe/Astrakhan Europe/Kirov " +
		"Asia/Yekaterinburg Asia/Omsk Asia/Novosibirsk Asia/Barnaul Asia/Tomsk Asia/Novokuznetsk Asia/Krasnoyarsk Asia/Irkutsk " +
		"Asia/Chita Asia/Yakutsk Asia/Khandyga Asia/Vladivostok Asia/Ust-Nera Asia/Magadan Asia/Sakhalin Asia/Srednekolymsk " +
		"Asia/Kamchatka Asia/Anadyr W-SU",
	"UA": "Europe/Kyiv Europe/Kiev Europe/Simferopol Europe/Uzhgorod Europe/Zaporozhye",
	"BY": "Europe/Minsk",
	"MD": "Europe/Chisinau",
	"RO": "Europe/Bucharest",
	"BG": "Europe/Sofia",
	"GR": "Europe/Athens",
	"MK": "Europe/Skopje",
	"AL": "Europe/Tirane",
	"RS": "Europe/Belgrade",
	"ME": "Europe/Podgorica",
	"BA": "Europe/Sarajevo",
	"HR": "Europe/Zagreb",
	"SI": "Europe/Ljubljana",
	"HU": "Europe/Budapest",
	"SK": "Europe/Bratislava",
	"CZ": "Europe/Prague",
	"PL": "Europe/Warsaw Poland",
	"LT": "Europe/Vilnius",
	"LV": "Europe/Riga",
	"EE": "Europe/Tallinn",
	"FI": "Europe/Helsinki",
	"AX": "Europe/Mariehamn",
	"SE": "Europe/Stockholm",
	"NO": "Europe/Oslo",
	"DK": "Europe/Copenhagen",
	"IS": "Atlantic/Reykjavik Iceland",
	"FO": "Atlantic/Faroe Atlantic/Faeroe",
	"DE": "Europe/Berlin Europe/Busingen",
	"AT": "Europe/Vienna",
	"CH": "Europe/Zurich",
	"LI": "Europe/Vaduz",
	"NL": "Europe/Amsterdam",
	"BE": "Europe/Brussels",
	"LU": "Europe/Luxembourg",
	"FR": "Europe/Paris",
	"MC": "Europe/Monaco",
	"ES": "Europe/Madrid Africa/Ceuta Atlantic/Canary",
	"AD": "Europe/Andorra",
	"PT": "Europe/Lisbon Atlantic/Madeira Atlantic/Azores Portugal",
	"IT": "Europe/Rome",
	"SM": "Europe/San_Marino",
	"VA": "Europe/Vatican",
	"MT": "Europe/Malta",
	"GB": "Europe/London Europe/Belfast GB GB-Eire",
	"IE": "Europe/Dublin Eire",
	"GG": "Europe/Guernsey",
	"JE": "Europe/Jersey",
	"IM": "Europe/Isle_of_Man",
	"GI": "Europe/Gibraltar",
	"US": "America/New_York America/Detroit America/Kentucky/Louisville America/Kentucky/Monticello America/Indiana/Indianapolis " +
		"America/Indiana/Vincennes America/Indiana/Winamac America/Indiana/Marengo America/Indiana/Petersburg America/Indiana/Vevay " +
		"America/Chicago America/Indiana/Tell_City America/Indiana/Knox America/Menominee America/North_Dakota/Center " +
		"America/North_Dakota/New_Salem America/North_Dakota/Beulah America/Denver America/Boise America/Phoenix " +
		"America/Los_Angeles America/Anchorage America/Juneau America/Sitka America/Metlakatla America/Yakutat America/Nome " +
		"America/Adak Pacific/Honolulu America/Indianapolis America/Louisville America/Fort_Wayne America/Shiprock " +
		"US/Eastern US/Central US/Mountain US/Pacific US/Alaska US/Hawaii US/Arizona US/Michigan US/Aleutian US/East-Indiana " +
		"US/Indiana-Starke Navajo",
	"CA": "America/Toronto America/Montreal America/Vancouver America/Edmonton America/Winnipeg America/Regina America/Halifax " +
		"America/St_Johns America/Moncton America/Glace_Bay America/Goose_Bay America/Iqaluit America/Rankin_Inlet " +
		"America/Resolute America/Cambridge_Bay America/Inuvik America/Whitehorse America/Dawson America/Dawson_Creek " +
		"America/Fort_Nelson America/Creston America/Swift_Current America/Atikokan America/Blanc-Sablon America/Nipigon " +
		"America/Thunder_Bay America/Rainy_River America/Yellowknife America/Pangnirtung " +
		"Canada/Eastern Canada/Central Canada/Mountain Canada/Pacific Canada/Atlantic Canada/Newfoundland Canada/Saskatchewan Canada/Yukon",
	"MX": "America/Mexico_City America/Cancun America/Merida America/Monterrey America/Matamoros America/Chihuahua " +
		"America/Ciudad_Juarez America/Ojinaga America/Mazatlan America/Bahia_Banderas America/Hermosillo America/Tijuana " +
		"Mexico/General Mexico/BajaNorte Mexico/BajaSur",
	"GT": "America/Guatemala",
	"BZ": "America/Belize",
	"SV": "America/El_Salvador",
	"HN": "America/Tegucigalpa",
	"NI": "America/Managua",
	"CR": "America/Costa_Rica",
	"PA": "America/Panama",
	"CU": "America/Havana Cuba",
	"JM": "America/Jamaica Jamaica",
	"HT": "America/Port-au-Prince",
	"DO": "America/Santo_Domingo",
	"PR": "America/Puerto_Rico",
	"TT": "America/Port_of_Spain",
	"BS": "America/Nassau",
	"BB": "America/Barbados",
	"CO": "America/Bogota",
	"VE": "America/Caracas",
	"EC": "America/Guayaquil Pacific/Galapagos",
	"PE": "America/Lima",
	"BO": "America/La_Paz",
	"CL": "America/Santiago America/Punta_Arenas Pacific/Easter Chile/Continental Chile/EasterIsland",
	"AR": "America/Argentina/Buenos_Aires America/Argentina/Cordoba America/Argentina/Salta America/Argentina/Jujuy " +
		"America/Argentina/Tucuman America/Argentina/Catamarca America/Argentina/La_Rioja America/Argentina/San_Juan " +
		"America/Argentina/Mendoza America/Argentina/San_Luis America/Argentina/Rio_Gallegos America/Argentina/Ushuaia " +
		"America/Buenos_Aires America/Cordoba America/Mendoza",
	"UY": "America/Montevideo",
	"PY": "America/Asuncion",
	"BR": "America/Sao_Paulo America/Noronha America/Belem America/Fortaleza America/Recife America/Araguaina America/Maceio " +
		"America/Bahia America/Campo_Grande America/Cuiaba America/Santarem America/Porto_Velho America/Boa_Vista " +
		"America/Manaus America/Eirunepe America/Rio_Branco Brazil/East Brazil/West Brazil/Acre Brazil/DeNoronha",
	"GY": "America/Guyana",
	"SR": "America/Paramaribo",
	"GF": "America/Cayenne",
	"GL": "America/Nuuk America/Godthab America/Danmarkshavn America/Scoresbysund America/Thule",
	"AU": "Australia/Sydney Australia/Melbourne Australia/Brisbane Australia/Adelaide Australia/Perth Australia/Hobart " +
		"Australia/Darwin Australia/Lindeman Australia/Broken_Hill Australia/Eucla Australia/Lord_Howe Antarctica/Macquarie " +
		"Australia/ACT Australia/Canberra Australia/NSW Australia/Victoria Australia/Queensland Australia/South Australia/West " +
		"Australia/Tasmania Australia/North",
	"NZ": "Pacific/Auckland Pacific/Chatham NZ NZ-CHAT",
	"FJ": "Pacific/Fiji",
	"PG": "Pacific/Port_Moresby Pacific/Bougainville",
	"GU": "Pacific/Guam",
	"NC": "Pacific/Noumea",
	"PF": "Pacific/Tahiti Pacific/Marquesas Pacific/Gambier",
	"WS": "Pacific/Apia",
	"TO": "Pacific/Tongatapu",
	"KI": "Pacific/Tarawa Pacific/Kanton Pacific/Kiritimati",
	"EG": "Africa/Cairo Egypt",
	"LY": "Africa/Tripoli Libya",
	"TN": "Africa/Tunis",
	"DZ": "Africa/Algiers",
	"MA": "Africa/Casablanca",
	"EH": "Africa/El_Aaiun",
	"SD": "Africa/Khartoum",
	"SS": "Africa/Juba",
	"ET": "Africa/Addis_Ababa",
	"ER": "Africa/Asmara",
	"DJ": "Africa/Djibouti",
	"SO": "Africa/Mogadishu",
	"KE": "Africa/Nairobi",
	"UG": "Africa/Kampala",
	"TZ": "Africa/Dar_es_Salaam",
	"RW": "Africa/Kigali",
	"BI": "Africa/Bujumbura",
	"MZ": "Africa/Maputo",
	"MW": "Africa/Blantyre",
	"ZM": "Africa/Lusaka",
	"ZW": "Africa/Harare",
	"BW": "Africa/Gaborone",
	"NA": "Africa/Windhoek",
	"ZA": "Africa/Johannesburg",
	"LS": "Africa/Maseru",
	"SZ": "Africa/Mbabane",
	"MG": "Indian/Antananarivo",
	"MU": "Indian/Mauritius",
	"RE": "Indian/Reunion",
	"SC": "Indian/Mahe",
	"AO": "Africa/Luanda",
	"CD": "Africa/Kinshasa Africa/Lubumbashi",
	"CG": "Africa/Brazzaville",
	"GA": "Africa/Libreville",
	"CM": "Africa/Douala",
	"CF": "Africa/Bangui",
	"TD": "Africa/Ndjamena",
	"NG": "Africa/Lagos",
	"NE": "Africa/Niamey",
	"BJ": "Africa/Porto-Novo",
	"TG": "Africa/Lome",
	"GH": "Africa/Accra",
	"CI": "Africa/Abidjan",
	"BF": "Africa/Ouagadougou",
	"ML": "Africa/Bamako",
	"SN": "Africa/Dakar",
	"GM": "Africa/Banjul",
	"GN": "Africa/Conakry",
	"GW": "Africa/Bissau",
	"SL": "Africa/Freetown",
	"LR": "Africa/Monrovia",
	"MR": "Africa/Nouakchott",
	"CV": "Atlantic/Cape_Verde",
}
