package main

// The vocabulary the generator builds its content from: parallel Serbian (Cyrillic) and
// English phrases of the agency's field. Serbian phrases are already inflected for the
// slot they fill, so the sentences are grammatical; Latin-script Serbian is made from the
// Cyrillic with translit.ToLatin.

// pair is one phrase in Serbian (Cyrillic) and English.
type pair struct{ sr, en string }

// place is a town with a reception or asylum centre, or a city where events happen.
type place struct {
	nom string // Serbian nominative: "Шид"
	loc string // Serbian locative with its preposition: "у Шиду"
	en  string // "Šid"
}

// places, most frequent first (picked with Zipf-like weights).
var places = []place{
	{"Београд", "у Београду", "Belgrade"},
	{"Шид", "у Шиду", "Šid"},
	{"Суботица", "у Суботици", "Subotica"},
	{"Прешево", "у Прешеву", "Preševo"},
	{"Обреновац", "у Обреновцу", "Obrenovac"},
	{"Крњача", "у Крњачи", "Krnjača"},
	{"Кикинда", "у Кикинди", "Kikinda"},
	{"Сомбор", "у Сомбору", "Sombor"},
	{"Боговађа", "у Боговађи", "Bogovađa"},
	{"Бања Ковиљача", "у Бањи Ковиљачи", "Banja Koviljača"},
	{"Адашевци", "у Адашевцима", "Adaševci"},
	{"Принциповац", "у Принциповцу", "Principovac"},
	{"Лозница", "у Лозници", "Loznica"},
	{"Нови Сад", "у Новом Саду", "Novi Sad"},
	{"Ниш", "у Нишу", "Niš"},
	{"Пирот", "у Пироту", "Pirot"},
	{"Врање", "у Врању", "Vranje"},
	{"Вршац", "у Вршцу", "Vršac"},
	{"Тутин", "у Тутину", "Tutin"},
	{"Сјеница", "у Сјеници", "Sjenica"},
	{"Зајечар", "у Зајечару", "Zaječar"},
	{"Босилеград", "у Босилеграду", "Bosilegrad"},
}

// actor is who does something in a news item. g and gShort are the grammatical genders of
// the Serbian name and short name (0 masculine, 1 feminine, 2 neuter), which the past
// participle agrees with.
type actor struct {
	sr, srShort string
	en, enShort string
	g, gShort   int
}

// actors, most frequent first.
var actors = []actor{
	{"Комесаријат за избеглице и миграције", "Комесаријат", "The Commissariat for Refugees and Migration", "Commissariat", 0, 0},
	{"Међународна организација за миграције (IOM)", "IOM", "The International Organization for Migration (IOM)", "IOM", 1, 1},
	{"Високи комесаријат УН за избеглице (UNHCR)", "UNHCR", "The UN Refugee Agency (UNHCR)", "UNHCR", 0, 0},
	{"Министарство унутрашњих послова", "МУП", "The Ministry of Interior", "Ministry of Interior", 2, 0},
	{"Делегација Европске уније у Србији", "Делегација ЕУ", "The EU Delegation to Serbia", "EU Delegation", 1, 1},
	{"Канцеларија за азил", "Канцеларија за азил", "The Asylum Office", "Asylum Office", 1, 1},
	{"Црвени крст Србије", "Црвени крст", "The Red Cross of Serbia", "Red Cross", 0, 0},
	{"Влада Републике Србије", "Влада", "The Government of Serbia", "Government", 1, 1},
	{"Дански савет за избеглице", "Дански савет за избеглице", "The Danish Refugee Council", "Danish Refugee Council", 0, 0},
	{"УНИЦЕФ", "УНИЦЕФ", "UNICEF", "UNICEF", 0, 0},
}

// event is what an actor did: a Serbian past participle stem (+о, +ла, +ло by gender) with
// its object, and English verbs (headline present, body past) with theirs.
type event struct {
	srStem, srObj  string
	enHead, enPast string
	enObj          string
}

var events = []event{
	{"организова", "радионицу о управљању миграцијама", "organises", "organised", "a workshop on migration management"},
	{"одржа", "обуку за запослене у прихватним центрима", "holds", "held", "training for reception centre staff"},
	{"потписа", "споразум о сарадњи у области азила", "signs", "signed", "a cooperation agreement on asylum"},
	{"покрену", "нови пројекат подршке избеглицама", "launches", "launched", "a new project supporting refugees"},
	{"представи", "годишњи извештај о миграцијама", "presents", "presented", "the annual report on migration"},
	{"донира", "опрему прихватном центру", "donates", "donated", "equipment to the reception centre"},
	{"угости", "делегацију Европске комисије", "hosts", "hosted", "a delegation of the European Commission"},
	{"одржа", "састанак о сарадњи на граници", "holds", "held", "a meeting on border cooperation"},
	{"обележи", "Светски дан избеглица", "marks", "marked", "World Refugee Day"},
	{"унапреди", "услове смештаја тражилаца азила", "improves", "improved", "accommodation for asylum seekers"},
	{"организова", "конференцију о интеграцији миграната", "organises", "organised", "a conference on the integration of migrants"},
	{"обезбеди", "психосоцијалну подршку деци мигрантима", "provides", "provided", "psychosocial support to migrant children"},
	{"одржа", "семинар о борби против кријумчарења миграната", "holds", "held", "a seminar on combating migrant smuggling"},
	{"представи", "нови акциони план за управљање миграцијама", "presents", "presented", "a new action plan for migration management"},
}

// sentences are general sentences of news bodies and project descriptions. {n} is a number,
// {loc} a place (Serbian locative, English name).
var sentences = []pair{
	{"Циљ активности је јачање капацитета институција које учествују у управљању миграцијама.", "The aim of the activity is to build the capacities of the institutions involved in migration management."},
	{"Учесници су разговарали о изазовима са којима се суочава систем азила у Републици Србији.", "Participants discussed the challenges facing the asylum system in the Republic of Serbia."},
	{"Активност се спроводи у оквиру пројекта који финансира Европска унија.", "The activity is carried out within a project funded by the European Union."},
	{"У центрима за азил и прихватним центрима тренутно борави {n} миграната.", "{n} migrants are currently accommodated in asylum and reception centres."},
	{"Посебна пажња посвећена је заштити деце без пратње и других рањивих група.", "Particular attention was paid to the protection of unaccompanied children and other vulnerable groups."},
	{"Сарадња са суседним земљама на управљању границом додатно је унапређена.", "Cooperation with neighbouring countries on border management has been further improved."},
	{"Представници IOM и UNHCR истакли су значај заједничког рада на терену.", "Representatives of IOM and UNHCR stressed the importance of joint work in the field."},
	{"Тражиоцима азила обезбеђени су смештај, храна, здравствена заштита и правна помоћ.", "Asylum seekers are provided with accommodation, food, health care and legal aid."},
	{"Комесаријат за избеглице и миграције наставља сарадњу са партнерима из Европске уније.", "The Commissariat for Refugees and Migration continues its cooperation with partners from the European Union."},
	{"Обуци је присуствовало {n} представника локалних самоуправа, центара за социјални рад и цивилног друштва.", "{n} representatives of local self-governments, social welfare centres and civil society attended the training."},
	{"Усклађивање законодавства са правним тековинама ЕУ у области азила и миграција остаје приоритет.", "Aligning legislation with the EU acquis on asylum and migration remains a priority."},
	{"Донација обухвата опрему, возила и намештај за прихватне центре.", "The donation includes equipment, vehicles and furniture for reception centres."},
	{"Миграционе руте кроз Западни Балкан и даље користи велики број људи.", "Large numbers of people still use the migration routes through the Western Balkans."},
	{"Након радионице учесници су добили сертификате.", "After the workshop the participants received certificates."},
	{"Повратак и реадмисија део су свеобухватног приступа управљању миграцијама.", "Return and readmission are part of a comprehensive approach to migration management."},
	{"Локална заједница {loc} пружила је подршку активностима прихватног центра.", "The local community in {loc} supported the activities of the reception centre."},
	{"Интеграција лица којима је одобрена међународна заштита обухвата учење српског језика и запошљавање.", "The integration of persons granted international protection includes learning Serbian and finding employment."},
	{"Сузбијање кријумчарења миграната и трговине људима захтева блиску међународну сарадњу.", "Combating migrant smuggling and human trafficking requires close international cooperation."},
	{"Подаци о броју миграната објављују се сваког месеца.", "Data on the number of migrants are published every month."},
	{"Радна група ће наставити рад на изради новог акционог плана.", "The working group will continue drafting a new action plan."},
	{"Стручњаци из држава чланица ЕУ поделили су своја искуства и примере добре праксе.", "Experts from EU member states shared their experience and examples of good practice."},
	{"Деца из прихватних центара укључена су у редовно школовање.", "Children from reception centres are enrolled in regular schooling."},
	{"Волонтери Црвеног крста деле пакете хране и хигијене.", "Red Cross volunteers distribute food and hygiene parcels."},
	{"Систем за регистрацију миграната унапређен је уз подршку донатора.", "The migrant registration system was improved with donor support."},
	{"Од почетка године {loc} је регистровано {n} лица која су изразила намеру да траже азил.", "Since the start of the year {n} persons have expressed the intention to seek asylum in {loc}."},
	{"Граница са Северном Македонијом и Бугарском остаје главни улаз на миграционој рути.", "The border with North Macedonia and Bulgaria remains the main point of entry on the migration route."},
}

// closing ends most news items: it names the agency, so "миграције" and "migration" are in
// most of them.
var closing = pair{
	"Више информација доступно је на сајту Комесаријата за избеглице и миграције.",
	"More information is available on the website of the Commissariat for Refugees and Migration.",
}

// rare is in about one item in a thousand: the only place "Дивљана"/"Divljana" appears.
var rare = pair{
	"Посебна посета организована је у прихватном центру Дивљана код Беле Паланке.",
	"A special visit was organised to the Divljana reception centre near Bela Palanka.",
}

// topics are the ten topics, most frequent first.
var topics = []struct {
	slug string
	name pair
}{
	{"migration-management", pair{"Управљање миграцијама", "Migration management"}},
	{"asylum", pair{"Азил", "Asylum"}},
	{"reception-and-accommodation", pair{"Прихват и смештај", "Reception and accommodation"}},
	{"international-cooperation", pair{"Међународна сарадња", "International cooperation"}},
	{"eu-integration", pair{"Европске интеграције", "EU integration"}},
	{"capacity-building", pair{"Јачање капацитета", "Capacity building"}},
	{"border-management", pair{"Управљање границом", "Border management"}},
	{"irregular-migration", pair{"Нерегуларне миграције", "Irregular migration"}},
	{"integration-and-return", pair{"Интеграција и повратак", "Integration and return"}},
	{"human-trafficking-and-smuggling", pair{"Трговина људима и кријумчарење миграната", "Human trafficking and migrant smuggling"}},
}

// corePartner is a real partner organisation, listed before the synthetic ones.
type corePartner struct {
	name    pair
	acronym string
	kind    string
	desc    pair
}

var coreDesc = pair{
	"Партнер Комесаријата за избеглице и миграције у области азила, миграција и заштите избеглица.",
	"A partner of the Commissariat for Refugees and Migration in asylum, migration and refugee protection.",
}

var corePartners = []corePartner{
	{pair{"Комесаријат за избеглице и миграције Републике Србије", "Commissariat for Refugees and Migration of the Republic of Serbia"}, "KIRS", "GOVERNMENT",
		pair{"Посебна организација Владе Републике Србије надлежна за избеглице, миграције и прихватне центре.", "Special organisation of the Government of Serbia responsible for refugees, migration and reception centres."}},
	{pair{"Међународна организација за миграције", "International Organization for Migration"}, "IOM", "UN_AGENCY",
		pair{"Агенција Уједињених нација за миграције.", "The UN Migration Agency."}},
	{pair{"Високи комесаријат Уједињених нација за избеглице", "United Nations High Commissioner for Refugees"}, "UNHCR", "UN_AGENCY",
		pair{"Агенција Уједињених нација за избеглице.", "The UN Refugee Agency."}},
	{pair{"Европска унија", "European Union"}, "EU", "EU_INSTITUTION", coreDesc},
	{pair{"Делегација Европске уније у Републици Србији", "Delegation of the European Union to the Republic of Serbia"}, "", "EU_INSTITUTION", coreDesc},
	{pair{"Министарство унутрашњих послова", "Ministry of Interior"}, "MUP", "GOVERNMENT", coreDesc},
	{pair{"Фонд Уједињених нација за децу", "United Nations Children's Fund"}, "UNICEF", "UN_AGENCY", coreDesc},
	{pair{"Програм Уједињених нација за развој", "United Nations Development Programme"}, "UNDP", "UN_AGENCY", coreDesc},
	{pair{"Организација за европску безбедност и сарадњу", "Organization for Security and Co-operation in Europe"}, "OSCE", "INTERNATIONAL_ORGANISATION", coreDesc},
	{pair{"Црвени крст Србије", "Red Cross of Serbia"}, "", "NGO", coreDesc},
	{pair{"Дански савет за избеглице", "Danish Refugee Council"}, "DRC", "NGO", coreDesc},
	{pair{"Хуманитарна организација Дивац", "Humanitarian Organization Divac"}, "", "NGO", coreDesc},
	{pair{"Центар за заштиту и помоћ тражиоцима азила", "Asylum Protection Center"}, "APC/CZA", "NGO", coreDesc},
	{pair{"Група 484", "Group 484"}, "", "NGO", coreDesc},
	{pair{"Немачко друштво за међународну сарадњу", "Deutsche Gesellschaft für Internationale Zusammenarbeit"}, "GIZ", "DONOR", coreDesc},
	{pair{"Савет Европе", "Council of Europe"}, "CoE", "INTERNATIONAL_ORGANISATION", coreDesc},
	{pair{"Европска агенција за азил", "European Union Agency for Asylum"}, "EUAA", "EU_INSTITUTION", coreDesc},
	{pair{"Фронтекс", "Frontex"}, "", "EU_INSTITUTION", coreDesc},
}

// countries are donors with embassies in Belgrade: Serbian genitive, English name.
var countries = []pair{
	{"Швајцарске", "Switzerland"}, {"Норвешке", "Norway"}, {"Холандије", "the Netherlands"}, {"Немачке", "Germany"},
	{"Аустрије", "Austria"}, {"Италије", "Italy"}, {"Шведске", "Sweden"}, {"Данске", "Denmark"},
	{"Француске", "France"}, {"Чешке", "Czechia"}, {"Словачке", "Slovakia"}, {"Мађарске", "Hungary"},
	{"Грчке", "Greece"}, {"Јапана", "Japan"}, {"Сједињених Америчких Држава", "the United States"}, {"Канаде", "Canada"},
	{"Финске", "Finland"}, {"Белгије", "Belgium"}, {"Шпаније", "Spain"}, {"Велике Британије", "the United Kingdom"},
}

// ngoAdjectives and ngoNouns name synthetic associations: „Нова нада“, "New Hope".
var (
	ngoAdjectives = []pair{{"Нова", "New"}, {"Заједничка", "Shared"}, {"Отворена", "Open"}, {"Сигурна", "Safe"},
		{"Светла", "Bright"}, {"Хумана", "Humane"}, {"Слободна", "Free"}, {"Зелена", "Green"}, {"Мирна", "Peaceful"}, {"Добра", "Good"}}
	ngoNouns = []pair{{"будућност", "Future"}, {"кућа", "Home"}, {"нада", "Hope"}, {"стаза", "Path"}, {"рука", "Hand"},
		{"лука", "Harbour"}, {"мрежа", "Network"}, {"веза", "Bridge"}, {"подршка", "Support"}, {"визија", "Vision"}}
)

// Project titles: a head noun with the case its complement takes, and a complement.
var (
	projectHeads = []struct {
		sr, en string
		dative bool
	}{
		{"Подршка", "Support to", true}, {"Јачање", "Strengthening", false}, {"Унапређење", "Improving", false},
		{"Развој", "Developing", false}, {"Модернизација", "Modernising", false},
	}
	projectFocus = []struct{ gen, dat, en string }{
		{"управљања миграцијама", "управљању миграцијама", "migration management"},
		{"система азила", "систему азила", "the asylum system"},
		{"прихватних капацитета", "прихватним капацитетима", "reception capacities"},
		{"управљања границом", "управљању границом", "border management"},
		{"интеграције избеглица", "интеграцији избеглица", "refugee integration"},
		{"заштите деце миграната", "заштити деце миграната", "the protection of migrant children"},
		{"борбе против кријумчарења миграната", "борби против кријумчарења миграната", "the fight against migrant smuggling"},
		{"одрживог повратка", "одрживом повратку", "sustainable return"},
		{"локалних савета за миграције", "локалним саветима за миграције", "local migration councils"},
		{"центара за азил", "центрима за азил", "asylum centres"},
	}
	projectScopes = []pair{
		{"у Републици Србији", "in the Republic of Serbia"}, {"на Западном Балкану", "in the Western Balkans"},
		{"", ""}, {"– друга фаза", "– Phase II"}, {"– трећа фаза", "– Phase III"},
	}
	expectedResults = []pair{
		{"Унапређени капацитети центара за азил", "Improved capacities of asylum centres"},
		{"Обучено особље прихватних центара", "Trained reception centre staff"},
		{"Успостављен систем за праћење миграционих токова", "A system for monitoring migration flows established"},
		{"Израђен приручник о поступку азила", "A handbook on the asylum procedure produced"},
		{"Побољшани услови смештаја", "Better accommodation conditions"},
		{"Ојачана сарадња са локалним самоуправама", "Stronger cooperation with local self-governments"},
	}
	objectives = []pair{
		{"Допринос ефикасном управљању миграцијама у Републици Србији", "To contribute to effective migration management in the Republic of Serbia"},
		{"Унапређење поштовања људских права миграната", "To improve respect for the human rights of migrants"},
		{"Усклађивање система азила са стандардима ЕУ", "To align the asylum system with EU standards"},
	}
	specificObjectives = []pair{
		{"Јачање капацитета Канцеларије за азил", "To strengthen the capacities of the Asylum Office"},
		{"Обезбеђивање правне помоћи тражиоцима азила", "To provide legal aid to asylum seekers"},
		{"Унапређење услова у прихватним центрима", "To improve conditions in reception centres"},
		{"Подршка локалним саветима за миграције", "To support local migration councils"},
	}
	targetGroups = []pair{
		{"Тражиоци азила", "Asylum seekers"}, {"Избеглице", "Refugees"}, {"Деца без пратње", "Unaccompanied children"},
		{"Запослени у Комесаријату за избеглице и миграције", "Staff of the Commissariat for Refugees and Migration"},
		{"Локалне самоуправе", "Local self-governments"}, {"Гранична полиција", "Border police"},
		{"Повратници по споразумима о реадмисији", "Returnees under readmission agreements"},
	}
)
