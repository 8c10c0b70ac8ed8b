package translit

// The suffix tables of the Snowball Serbian stemmer (algorithms/serbian.sbl of
// github.com/snowballstem/snowball, by Stefan Petkovic and Dragan Ivanovic,
// after Ljubešić and Pandžić's stemmer for Croatian), written in folded form: č ć → c, š → s, ž → z, đ → dj. Each pair is a
// replacement and the suffixes it replaces, longest match wins (see stemSerbian).
//
// The algorithm lists most suffixes twice, once with diacritics and once as
// typed without them, the second guarded so it applies only to words with no
// diacritic at all. Folded, the two are one suffix with one replacement, so
// each is listed once here and applies to every word: the stemmer sees
// folded text only and treats every word as the algorithm treats a word
// typed without diacritics. The one pair that folding collapses into two
// different replacements is "snjijem": the upstream table maps šnjijem → šnj
// (with šnjom, šnjeg, …) and, in the guarded list, snjijem → os, an evident
// slip among the os- forms (osijem is listed beside it). We keep šnjijem → snj.
//
// Snowball is copyright (c) 2001 Dr Martin Porter, (c) 2004, 2005 Richard
// Boulton, (c) 2013 Yoshiki Shibukawa, (c) 2006-2025 Olly Betts, and is
// distributed under the 3-clause BSD licence: redistributions of source and
// binary forms must keep this notice, and the names of its authors may not be
// used to endorse this program.

// serbianStep1 rewrites a few endings before the inflection is removed
// (lozi → loga, jaci → jak, -ajac → -ajca, ...). It applies anywhere in the word.
var serbianStep1 = suffixRules(
	"loga", "lozi lozima",
	"peh", "pesi pesima",
	"vojka", "vojci",
	"bojka", "bojci",
	"jak", "jaci jacima",
	"cajni", "cajan",
	"erni", "eran",
	"larni", "laran",
	"esni", "esan",
	"anjca", "anjac",
	"ajca", "ajac ajaca",
	"ljca", "ljaca ljac",
	"ejca", "ejac ejaca",
	"ojca", "ojac ojaca",
	"ajka", "ajaka",
	"ojka", "ojaka",
	"sca", "saca sac",
	"ing", "inzima inzi",
	"tvenik", "tvenici",
	"tetika", "tetici teticima",
	"nstva", "nstava",
	"nik", "nicima",
	"tik", "ticima",
	"zik", "zicima",
	"snik", "snici",
	"kusi", "kuse",
	"kusni", "kusan",
	"kustva", "kustava",
	"dusni", "dusan",
	"antni", "antan",
	"bilni", "bilan",
	"tilni", "tilan",
	"avilni", "avilan",
	"silni", "silan",
	"gilni", "gilan",
	"rilni", "rilan",
	"nilni", "nilan",
	"alni", "alan",
	"ozni", "ozan",
	"ravi", "rave",
	"stavni", "stavan",
	"pravni", "pravan",
	"tivni", "tivan",
	"sivni", "sivan",
	"atni", "atan",
	"enta", "enat",
	"tetni", "tetan",
	"pletni", "pletan",
	"savi", "save",
	"anta", "anata",
	"acka", "acak acaka",
	"uska", "usak",
	"atka", "atak ataka atci atcima",
	"etka", "etak etaka",
	"itka", "itak itaka itci",
	"otka", "otak otaka",
	"utka", "utak utaka utci utcima",
	"eskna", "eskan",
	"ticni", "tican",
	"ojska", "ojsci",
	"esma", "esama",
	"metra", "metar metara",
	"centra", "centar centara",
	"istra", "istar istara",
	"osti", "oscu",
	"dba", "daba",
	"cka", "ccima cci",
	"mca", "mac maca",
	"nca", "naca nac",
	"voljni", "voljan",
	"anki", "anaka",
	"vca", "vac vaca",
	"rca", "raca rac",
	"alca", "aoca alaca alac",
	"elca", "elaca elac",
	"olca", "olaca olac olce",
	"njca", "njac njaca",
	"ekta", "ekata ekat",
	"izma", "izam izama",
	"jebi", "jebe",
	"baci", "baci",
	"asni", "asan",
)

// serbianStep2 removes or shortens inflectional and derivational endings,
// only within R1.
var serbianStep2 = suffixRules(
	"sk", "skijima skijega skijemu skijem skega skemu skem skijim skijih skijoj skijeg skiji"+
		" skije skija skoga skome skomu skima skog skom skim skih skoj ski ske sko ska sku",
	"stv", "stvima stvom stvo stva stvu",
	"tanij", "tanijama tanijima tanijom tanija taniju tanije taniji",
	"manij", "manijama manijima manijom manija maniju manije maniji",
	"panij", "panijama panijima panijom panija paniju panije paniji",
	"ranij", "ranijama ranijima ranijom ranija raniju ranije raniji",
	"ganij", "ganijama ganijima ganijom ganija ganiju ganije ganiji",
	"an", "aninom anina aninu anine anima anin anom anu ani ana ane",
	"in", "inima inama inom ina ine ini inu ino",
	"on", "onovima onova onove onovi onima onom ona one oni onu",
	"n", "nijima nijega nijemu nijeg nijem nega nemu neg nem nijim nijih nijoj niji nije nija"+
		" niju nima nome nomu noga noj nom nih nim nog no ne na nu ni",
	"ac", "acoga acome acomu acega acemu acima acoj acih acom aceg acem acog acuh acim ace aca",
	"ec", "ecoga ecome ecomu ecega ecemu ecima ecoj ecih ecom eceg ecem ecog ecuh ecim ece eca",
	"uc", "ucoga ucome ucomu ucega ucemu ucima ucoj ucih ucom uceg ucem ucog ucuh ucim uce uca",
	"ugov", "ugovima ugovi ugove ugova",
	"ug", "ugama ugom uga uge ugi ugu ugo",
	"log", "logama logom loga logu loge",
	"g", "govima gama govi gove gova gom ga ge gi gu go",
	"rari", "rarijem rarija rariju rario",
	"oti", "otijem otija otiju otio",
	"si", "sijem sija siju sio",
	"li", "lijem lija liju lio",
	"uj", "ujuci ujemo ujete ujmo ujem ujes uje uju",
	"caj", "cajevima cajevi cajeva cajeve cajama cajima cajem caja caje caji caju",
	"djaj", "djajevima djajevi djajeva djajeve djajama djajima djajem djaja djaje djaji djaju",
	"laj", "lajevima lajevi lajeva lajeve lajama lajima lajem laja laje laji laju",
	"raj", "rajevima rajevi rajeva rajeve rajama rajima rajem raja raje raji raju",
	"bij", "bijima bijama bijom bija bije biji biju bijo",
	"cij", "cijima cijama cijom cija cije ciji ciju cijo",
	"dij", "dijima dijama dijom dija dije diji diju dijo",
	"lij", "lijima lijama lijom lije liji lijo",
	"nij", "nijama nijom nijo",
	"mij", "mijima mijama mijom mija mije miji miju mijo",
	"zij", "zijima zijama zijom zija zije ziji ziju zijo",
	"gij", "gijima gijama gijom gija gije giji giju gijo",
	"fij", "fijima fijama fijom fija fije fiji fiju fijo",
	"pij", "pijima pijama pijom pija pije piji piju pijo",
	"rij", "rijima rijama rijom rija rije riji riju rijo",
	"sij", "sijima sijama sijom sije siji sijo",
	"tij", "tijima tijama tijom tija tije tiji tiju tijo",
	"nal", "nalima nalama nalom nala nale nali nalu nalo",
	"ijal", "ijalima ijalama ijalom ijala ijale ijali ijalu ijalo",
	"ozil", "ozilima ozilom ozila ozile ozilu ozili",
	"olov", "olovima olovi olova olove",
	"ol", "olima olom ola olu ole oli",
	"lem", "lemama lemima lemom lema leme lemi lemu lemo",
	"ram", "ramama ramom rama rame rami ramu ramo",
	"ar", "arama arima arom aru ara are ari",
	"dr", "drama drima drom dru dra dre dri",
	"er", "erama erima erom eru era ere eri",
	"or", "orama orima orom oru ora ore ori",
	"es", "esima esom ese esa esu",
	"is", "isima isom ise isa isu",
	"tas", "tasama tasima tasom tasem tasa tasu tasi tase",
	"nas", "nasama nasima nasom nasem nasa nasu nasi nase",
	"jas", "jasama jasima jasom jasem jasa jasu jasi jase",
	"kas", "kasama kasima kasom kasem kasa kasu kasi kase",
	"bas", "basama basima basom basem basa basu basi base",
	"gas", "gasama gasima gasom gasem gasa gasu gasi gase",
	"vas", "vasama vasima vasom vasem vasa vasu vasi vase",
	"es", "esama esem esi",
	"is", "isama isem isi",
	"ikat", "ikatima ikatom ikata ikate ikati ikatu ikato",
	"lat", "latima latom lata late lati latu lato",
	"et", "etama etima etom eta ete eti etu eto",
	"est", "estima estama estom esta este esti estu esto",
	"ist", "istima istama istom ista iste isti istu isto",
	"kst", "kstima kstama kstom ksta kste ksti kstu ksto",
	"ost", "ostima ostama ostom osta oste osti ostu osto",
	"ist", "istem",
	"ova", "ovasmo ovaste ovahu ovati ovase ovali ovala ovale ovalo ovat ovah ovao",
	"av", "avijemu avijima avijega avijeg avijem avemu avega aveg avem avijim avijih avijoj"+
		" avoga avome avomu avima avama aviji avije avija aviju avim avih avoj avom avog avi"+
		" ava avu ave avo",
	"ev", "evijemu evijima evijega evijeg evijem evemu evega eveg evem evijim evijih evijoj"+
		" evoga evome evomu evima evama eviji evije evija eviju evim evih evoj evom evog evi"+
		" eva evu eve evo",
	"iv", "ivijemu ivijima ivijega ivijeg ivijem ivemu ivega iveg ivem ivijim ivijih ivijoj"+
		" ivoga ivome ivomu ivima ivama iviji ivije ivija iviju ivim ivih ivoj ivom ivog ivi"+
		" iva ivu ive ivo",
	"ov", "ovijemu ovijima ovijega ovijeg ovijem ovemu ovega oveg ovijim ovijih ovijoj ovoga"+
		" ovome ovomu ovima oviji ovije ovija oviju ovim ovih ovoj ovom ovog ovi ova ovu ove"+
		" ovo",
	"mov", "movima movom mova movu move movi",
	"lov", "lovima lovom lova lovu love lovi",
	"el", "elijemu elijima elijega elijeg elijem elemu elega eleg elem elijim elijih elijoj"+
		" eloga elome elomu elima eliji elije elija eliju elim elih eloj elom elog eli ela elu"+
		" ele elo",
	"anj", "anjijemu anjijima anjijega anjijeg anjijem anjemu anjega anjeg anjem anjijim anjijih"+
		" anjijoj anjoga anjome anjomu anjima anjiji anjije anjija anjiju anjim anjih anjoj"+
		" anjom anjog anja anje anji anjo anju",
	"enj", "enjijemu enjijima enjijega enjijeg enjijem enjemu enjega enjeg enjem enjijim enjijih"+
		" enjijoj enjoga enjome enjomu enjima enjiji enjije enjija enjiju enjim enjih enjoj"+
		" enjom enjog enja enje enji enjo enju",
	"snj", "snjijemu snjijima snjijega snjijeg snjijem snjemu snjega snjeg snjem snjijim snjijih"+
		" snjijoj snjoga snjome snjomu snjima snjiji snjije snjija snjiju snjim snjih snjoj"+
		" snjom snjog snja snje snji snjo snju",
	"an", "anemu anega aneg anem",
	"en", "enemu enega eneg enem",
	"sn", "snemu snega sneg snem",
	"cin", "cinama cinome cinomu cinoga cinima cinog cinom cinim cinih cinoj cina cinu cini cino"+
		" cine",
	"rosi", "rosivsi rosismo rosiste rosise rosimo rosite rositi rosili rosila rosilo rosile"+
		" rosim rosis rosit rosih rosio",
	"os", "osijemu osijima osijega osijeg osijem osemu osega oseg osem osijim osijih osijoj"+
		" osoga osome osomu osima osiji osije osija osiju osim osih osoj osom osog osi osa osu"+
		" ose",
	"evit", "evitijima evitijega evitijemu evitijem evitega evitemu evitem evitijim evitijih"+
		" evitijoj evitijeg evitiji evitije evitija evitoga evitome evitomu evitima evitog"+
		" evitom evitim evitih evitoj eviti evite evito evita evitu",
	"ovit", "ovitijima ovitijega ovitijemu ovitijem ovitega ovitemu ovitem ovitijim ovitijih"+
		" ovitijoj ovitijeg ovitiji ovitije ovitija ovitoga ovitome ovitomu ovitima ovitog"+
		" ovitom ovitim ovitih ovitoj oviti ovite ovito ovita ovitu",
	"ast", "astijima astijega astijemu astijem astega astemu astem astijim astijih astijoj"+
		" astijeg astiji astije astija astoga astome astomu astima astog astom astim astih"+
		" astoj asti aste asto asta astu",
	"k", "kijemu kijima kijega kijeg kijem kemu kega keg kem kijim kijih kijoj koga kome komu"+
		" kima kiji kije kija kiju kim kih koj kom kog kov ki ka ku ke ko",
	"eva", "evajuci evasmo evaste evajmo evajte evaju evala evale evali evalo evamo evana evane"+
		" evani evano evate evati evase evahu evah evaj evam evan evao evat evav evas",
	"ava", "avajuci avasmo avaste avajmo avajte avaju avala avale avali avalo avamo avana avane"+
		" avani avano avate avati avase avahu avah avaj avam avan avao avat avav avas",
	"iva", "ivajuci ivasmo ivaste ivajmo ivajte ivaju ivala ivale ivali ivalo ivamo ivana ivane"+
		" ivani ivano ivate ivati ivase ivahu ivah ivaj ivam ivan ivao ivat ivav ivas",
	"uva", "uvajuci uvasmo uvaste uvajmo uvajte uvaju uvala uvale uvali uvalo uvamo uvana uvane"+
		" uvani uvano uvate uvati uvase uvahu uvah uvaj uvam uvan uvao uvat uvav uvas",
	"ir", "irujemo irujete irujuci irajuci irivat irujem irujes irujmo irujte iravsi irasmo"+
		" iraste irati iramo irate iraju irase irahu irala iralo irali irale iruje iruju iruj"+
		" iral iran iram iras irat irah irao",
	"ac", "acismo aciste aciti acimo acite acise aceci acila acilo acili acile acena aceno"+
		" aceni acene acio acis acit acen aci",
	"aca", "acavsi acasmo acaste acahu acati acamo acate acase acala acalo acali acale acaju"+
		" acana acano acani acane acao acam acas acat acah acan",
	"n", "nuvsi nusmo nuste nuci nimo nite nemo nete nula nulo nule nuli nuto nuti nuta nes"+
		" nuo nut",
	"ni", "nivsi nismo niste niti nila nilo nile nili nis nio",
	"a", "ajuci avsi asmo ajmo ajte ajem aloj amo ate aje aju ati ase ahu ala ali ale alo ano"+
		" at ah ao aj an am as",
	"ur", "urajuci urasmo uraste urajmo urajte uramo urate uraju urati urase urahu urala urali"+
		" urale uralo urana urano urani urane ural urat urah urao uraj uran uram uras",
	"astaj", "astajasmo astajaste astajahu astajati astajemo astajete astajase astajali astajuci"+
		" astajala astajalo astajale astajmo astajao astajem astajes astajat astajah astajte"+
		" astaje astaju",
	"istaj", "istajasmo istajaste istajahu istajati istajemo istajete istajase istajali istajuci"+
		" istajala istajalo istajale istajmo istajao istajem istajes istajat istajah istajte"+
		" istaje istaju",
	"ostaj", "ostajasmo ostajaste ostajahu ostajati ostajemo ostajete ostajase ostajali ostajuci"+
		" ostajala ostajalo ostajale ostajmo ostajao ostajem ostajes ostajat ostajah ostajte"+
		" ostaje ostaju",
	"a", "alama alima alom alu al",
	"aj", "ajevima ajevi ajeva ajeve ajama ajima aja aji",
	"asta", "astadosmo astadoste astadose astanemo astademo astanete astadete astanimo astanite"+
		" astanila astavsi astanem astadem astanes astades astadoh astade astati astane astanu"+
		" astadu astala astali astalo astale astat astao",
	"ista", "istadosmo istadoste istadose istanemo istademo istanete istadete istanimo istanite"+
		" istanila istavsi istanem istadem istanes istades istadoh istade istati istane istanu"+
		" istadu istala istali istalo istale istat istao",
	"osta", "ostadosmo ostadoste ostadose ostanemo ostademo ostanete ostadete ostanimo ostanite"+
		" ostanila ostavsi ostanem ostadem ostanes ostades ostadoh ostade ostati ostane ostanu"+
		" ostadu ostala ostali ostalo ostale ostat ostao",
	"ta", "tasmo taste tajmo tajte tavsi tati tamo tate taju tala talo tale tali tana tano tani"+
		" tane tan taj tao tam tas tat tah",
	"inj", "injasmo injaste injati injemo injete injali injala injalo injale injase injahu injem"+
		" injes injat injah injao",
	"as", "astemo astete astimo astite astuci astes asli asla aslo asle",
	"i", "ivsi ieci ismo imo ite iti ili ila ilo ile im is it ih io ijemo ijete ijem ijes ijmo"+
		" ijte iju ije ij ilu",
	"luc", "lucujete lucujuci lucujemo lucujem lucujes lucismo luciste lucujmo lucujte lucuje"+
		" lucuju lucise luciti lucimo lucite lucila lucilo lucili lucile lucena luceno luceni"+
		" lucene lucuj lucio lucen lucim lucis lucit lucih luce luci",
	"jeti", "jetismo jetiste jetise jetimo jetite jetiti jetili jetila jetilo jetile jetim jetis"+
		" jetit jetih jetio",
	"e", "emo em es elama el",
	"i", "ilama ilima ilom il",
	"at", "atijega atijemu atijima atijeg atijem atega atemu ateg atem atijih atijim atima"+
		" atoga atome atomu atiji atije atija atiju atoj atog atom atim atih ata atu ato",
	"et", "etavsi etuci etemo etimo etem etes",
)

// serbianStep3 removes a plain case ending, only within R1, when step 2
// found nothing it could change.
var serbianStep3 = suffixRules(
	"", "enom enoj enog enim enih anoj anog anim anih ost eno eni oga ima enu ena ama ano ani"+
		" om og u o i e a",
)
