// Serbian interface text, written once in Cyrillic. The Latin-script messages are derived
// from these letter by letter (see index.ts), never written by hand.
import type { Messages } from './en';

export const srCyrl: Messages = {
	site: {
		agency: 'Комесаријат за избеглице и миграције Републике Србије',
		short: 'Комесаријат за избеглице и миграције',
		country: 'Република Србија',
		pageTitle: '{page} – Комесаријат за избеглице и миграције'
	},
	nav: {
		label: 'Главни мени',
		home: 'Почетна',
		news: 'Вести',
		projects: 'Пројекти',
		partners: 'Партнери',
		search: 'Претрага'
	},
	language: {
		label: 'Језик и писмо',
		serbian: 'српски'
	},
	a11y: {
		skip: 'Пређи на главни садржај',
		loading: 'Учитавање',
		loaded: 'Страница је учитана'
	},
	footer: {
		about:
			'Комесаријат је посебна организација Владе Републике Србије надлежна за избеглице, интерно расељена лица, повратнике, управљање миграцијама и прихват тражилаца азила и миграната.',
		api: 'Отворени подаци: GraphQL API',
		topOfPage: 'Врх странице'
	},
	common: {
		back: 'Назад',
		topOfPage: 'Врх странице',
		none: 'Нема',
		readMore: 'Опширније',
		externalSite: '(други сајт)',
		and: 'и'
	},
	searchForm: {
		label: 'Претражите вести, пројекте и партнере',
		button: 'Тражи'
	},
	home: {
		title: 'Почетна',
		intro:
			'Вести Комесаријата, пројекти које спроводи са партнерима и организације са којима сарађује.',
		latestNews: 'Најновије вести',
		allNews: 'Све вести',
		currentProjects: 'Текући пројекти',
		noCurrentProjects: 'Тренутно нема текућих пројеката.',
		allProjects: 'Сви пројекти',
		partners: 'Партнерске организације',
		allPartners: 'Сви партнери',
		search: 'Претрага сајта'
	},
	news: {
		title: 'Вести',
		filters: 'Филтрирање вести',
		topic: 'Тема',
		allTopics: 'Све теме',
		year: 'Година',
		allYears: 'Све године',
		apply: 'Прикажи вести',
		clear: 'Уклони филтере',
		empty: 'Нема вести које одговарају овим филтерима.',
		count: { one: '{n} вест', few: '{n} вести', other: '{n} вести' },
		range: 'Приказано {from}–{to} од {total}',
		pages: 'Странице вести',
		newer: 'Новије вести',
		older: 'Старије вести',
		newest: 'Најновије вести',
		published: 'Објављено',
		updated: 'Последња измена',
		topics: 'Теме',
		relatedProjects: 'Повезани пројекти',
		relatedPartners: 'Организације у овој вести',
		backToNews: 'Назад на вести',
		aboutPartner: 'Вести у којима се помиње: {name}',
		aboutProject: 'Вести о пројекту: {name}',
		allNews: 'Све вести'
	},
	projects: {
		title: 'Пројекти',
		intro: 'Донаторски пројекти у којима Комесаријат учествује, текући и завршени.',
		filters: 'Филтрирање пројеката',
		status: 'Статус',
		allStatuses: 'Сви статуси',
		area: 'Област',
		allAreas: 'Све области',
		funder: 'Донатор',
		allFunders: 'Сви донатори',
		apply: 'Прикажи пројекте',
		clear: 'Уклони филтере',
		empty: 'Нема пројеката који одговарају овим филтерима.',
		sections: {
			ONGOING: 'Текући пројекти',
			PLANNED: 'Планирани пројекти',
			COMPLETED: 'Завршени пројекти'
		},
		statuses: {
			ONGOING: 'У току',
			PLANNED: 'Планиран',
			COMPLETED: 'Завршен'
		},
		count: { one: '{n} пројекат', few: '{n} пројекта', other: '{n} пројеката' },
		seeAll: '{section}: сви ({n})',
		pages: 'Странице пројеката',
		more: 'Још пројеката',
		first: 'Први пројекти',
		period: 'Период',
		periodFrom: 'Почетак: {date}',
		periodUntil: 'Крај: {date}',
		periodUnknown: 'Није познат',
		budget: 'Буџет',
		funders: 'Финансира',
		implementers: 'Спроводи',
		cooperatingPartners: 'У сарадњи са',
		areas: 'Области',
		locations: 'Места',
		officialTitle: 'Званичан назив',
		description: 'О пројекту',
		expectedResults: 'Очекивани резултати',
		objectives: 'Циљеви',
		specificObjectives: 'Посебни циљеви',
		targetGroups: 'Циљне групе',
		details: 'Подаци о пројекту',
		url: 'Више о пројекту',
		relatedNews: 'Вести о пројекту',
		allRelatedNews: 'Све вести о овом пројекту ({n})',
		backToProjects: 'Назад на пројекте'
	},
	partners: {
		title: 'Партнери',
		intro:
			'Организације са којима Комесаријат сарађује: донатори, агенције Уједињених нација, институције Европске уније, владе и цивилно друштво.',
		kinds: {
			UN_AGENCY: 'Агенције Уједињених нација',
			EU_INSTITUTION: 'Институције Европске уније',
			GOVERNMENT: 'Владе, министарства и амбасаде',
			INTERNATIONAL_ORGANISATION: 'Међународне организације',
			NGO: 'Организације цивилног друштва',
			DONOR: 'Донатори и фондови',
			OTHER: 'Остале организације'
		},
		kind: {
			UN_AGENCY: 'Агенција Уједињених нација',
			EU_INSTITUTION: 'Институција Европске уније',
			GOVERNMENT: 'Државни орган',
			INTERNATIONAL_ORGANISATION: 'Међународна организација',
			NGO: 'Организација цивилног друштва',
			DONOR: 'Донатор',
			OTHER: 'Организација'
		},
		website: 'Веб-сајт',
		websiteOf: 'Веб-сајт: {name}',
		projects: 'Пројекти',
		noProjects: 'Још нема пројеката.',
		moreProjects: 'и још {n}',
		asFunder: 'Пројекти које финансира',
		asImplementer: 'Пројекти које спроводи',
		asPartner: 'Пројекти у којима сарађује',
		news: 'Вести',
		noNews: 'Још нема вести о овој организацији.',
		allNews: 'Све вести о овој организацији ({n})',
		backToPartners: 'Назад на партнере'
	},
	search: {
		title: 'Претрага',
		titleFor: 'Претрага: {q}',
		label: 'Претражите вести, пројекте и партнере',
		hint: 'Пишите ћирилицом или латиницом: резултати су исти.',
		button: 'Тражи',
		kinds: { NEWS: 'Вести', PROJECT: 'Пројекти', PARTNER: 'Партнери' },
		kind: { NEWS: 'Вест', PROJECT: 'Пројекат', PARTNER: 'Партнер' },
		filter: 'Прикажи само',
		topics: 'Тема',
		years: 'Година',
		count: { one: '{n} резултат', few: '{n} резултата', other: '{n} резултата' },
		countFor: '{count} за „{q}“',
		none: 'Нема резултата за „{q}“.',
		noneHint: 'Проверите да ли је реч добро написана или покушајте са мање или општијих речи.',
		empty: 'Упишите реч да бисте претражили вести, пројекте и партнере.',
		searching: 'Претрага…',
		more: 'Још резултата',
		results: 'Резултати'
	},
	errors: {
		notFoundTitle: 'Страница није пронађена',
		notFoundText:
			'Ако сте сами уписали адресу, проверите да ли је тачна. Ако сте кликнули на везу, страница је можда премештена или уклоњена.',
		goHome: 'Идите на почетну страницу',
		errorTitle: 'Дошло је до грешке',
		network: 'Страница није могла да се учита. Проверите интернет везу и покушајте поново.',
		timeout: 'Учитавање траје предуго. Веза је можда спора: покушајте поново.',
		rateLimited: 'Превише захтева у кратком року. Сачекајте мало, па покушајте поново.',
		server: 'Услуга тренутно не ради како треба. Покушајте поново за неколико минута.',
		retry: 'Покушај поново'
	}
};
