// English interface text. The shape of this object is the type of every locale's messages
// (Messages): a missing or extra key in another locale is a type error.
import type { PartnerKind, ProjectStatus, SearchKind } from '../gql/graphql';
import type { Plural } from './types';

export const en = {
	site: {
		agency: 'Commissariat for Refugees and Migration of the Republic of Serbia',
		short: 'Commissariat for Refugees and Migration',
		country: 'Republic of Serbia',
		pageTitle: '{page} – Commissariat for Refugees and Migration'
	},
	nav: {
		label: 'Main',
		home: 'Home',
		news: 'News',
		projects: 'Projects',
		partners: 'Partners',
		search: 'Search'
	},
	language: {
		label: 'Language and script',
		serbian: 'Serbian'
	},
	a11y: {
		skip: 'Skip to main content',
		loading: 'Loading',
		loaded: 'Page loaded'
	},
	footer: {
		about:
			'The Commissariat is the Government of Serbia’s organisation for refugees, internally displaced persons, returnees, migration management and the reception of asylum seekers and migrants.',
		openData: 'Open data',
		api: 'The GraphQL API',
		topOfPage: 'Top of the page'
	},
	common: {
		back: 'Back',
		topOfPage: 'Top of the page',
		none: 'None',
		readMore: 'Read more',
		externalSite: '(another website)',
		and: 'and'
	},
	searchForm: {
		label: 'Search news, projects and partners',
		button: 'Search'
	},
	home: {
		title: 'Home',
		intro:
			'News from the Commissariat, the projects it carries out with its partners, and the organisations it works with.',
		latestNews: 'Latest news',
		allNews: 'All news',
		currentProjects: 'Current projects',
		noCurrentProjects: 'There are no current projects at the moment.',
		allProjects: 'All projects',
		partners: 'Partner organisations',
		allPartners: 'All partners',
		search: 'Search the site'
	},
	news: {
		title: 'News',
		filters: 'Filter news',
		topic: 'Topic',
		allTopics: 'All topics',
		year: 'Year',
		allYears: 'All years',
		apply: 'Show news',
		clear: 'Clear filters',
		empty: 'No news items match these filters.',
		count: { one: '{n} news item', few: '{n} news items', other: '{n} news items' } satisfies Plural,
		range: 'Showing {from}–{to} of {total}',
		pages: 'News pages',
		newer: 'Newer news',
		older: 'Older news',
		newest: 'Newest news',
		published: 'Published',
		updated: 'Last updated',
		topics: 'Topics',
		relatedProjects: 'Related projects',
		relatedPartners: 'Organisations in this item',
		backToNews: 'Back to news',
		aboutPartner: 'News mentioning {name}',
		aboutProject: 'News about {name}',
		allNews: 'All news'
	},
	projects: {
		title: 'Projects',
		intro: 'Donor-funded projects the Commissariat takes part in, current and completed.',
		filters: 'Filter projects',
		status: 'Status',
		allStatuses: 'All statuses',
		area: 'Area',
		allAreas: 'All areas',
		funder: 'Funder',
		allFunders: 'All funders',
		apply: 'Show projects',
		clear: 'Clear filters',
		empty: 'No projects match these filters.',
		sections: {
			ONGOING: 'Current projects',
			PLANNED: 'Planned projects',
			COMPLETED: 'Completed projects'
		} satisfies Record<ProjectStatus, string>,
		statuses: {
			ONGOING: 'Ongoing',
			PLANNED: 'Planned',
			COMPLETED: 'Completed'
		} satisfies Record<ProjectStatus, string>,
		count: { one: '{n} project', few: '{n} projects', other: '{n} projects' } satisfies Plural,
		seeAll: 'All {section} ({n})',
		pages: 'Project pages',
		more: 'More projects',
		first: 'First projects',
		period: 'Period',
		periodFrom: 'Since {date}',
		periodUntil: 'Until {date}',
		periodUnknown: 'Not known',
		budget: 'Budget',
		funders: 'Funded by',
		implementers: 'Implemented by',
		cooperatingPartners: 'In cooperation with',
		areas: 'Areas',
		locations: 'Locations',
		officialTitle: 'Official title',
		description: 'About the project',
		expectedResults: 'Expected results',
		objectives: 'Objectives',
		specificObjectives: 'Specific objectives',
		targetGroups: 'Target groups',
		details: 'Project details',
		url: 'More about the project',
		relatedNews: 'News about this project',
		allRelatedNews: 'All news about this project ({n})',
		backToProjects: 'Back to projects'
	},
	partners: {
		title: 'Partners',
		intro:
			'The organisations the Commissariat works with: donors, United Nations agencies, European Union institutions, governments and civil society.',
		kinds: {
			UN_AGENCY: 'United Nations agencies',
			EU_INSTITUTION: 'European Union institutions',
			GOVERNMENT: 'Governments, ministries and embassies',
			INTERNATIONAL_ORGANISATION: 'International organisations',
			NGO: 'Civil society organisations',
			DONOR: 'Donors and funds',
			OTHER: 'Other organisations'
		} satisfies Record<PartnerKind, string>,
		kind: {
			UN_AGENCY: 'United Nations agency',
			EU_INSTITUTION: 'European Union institution',
			GOVERNMENT: 'Government body',
			INTERNATIONAL_ORGANISATION: 'International organisation',
			NGO: 'Civil society organisation',
			DONOR: 'Donor',
			OTHER: 'Organisation'
		} satisfies Record<PartnerKind, string>,
		website: 'Website',
		websiteOf: 'Website of {name}',
		projects: 'Projects',
		noProjects: 'No projects listed yet.',
		moreProjects: 'and {n} more',
		asFunder: 'Projects it funds',
		asImplementer: 'Projects it carries out',
		asPartner: 'Projects it cooperates in',
		news: 'News',
		noNews: 'No news items mention this organisation yet.',
		allNews: 'All news mentioning this organisation ({n})',
		backToPartners: 'Back to partners'
	},
	openData: {
		title: 'Open data',
		intro:
			'Everything this site publishes, as files to download and reuse: news, projects and partners. The files follow every change on the site; drafts and items not yet published are never in them.',
		csvTitle: 'Spreadsheets (CSV)',
		csvIntro: 'One row per item, in UTF-8 (Excel opens them as they are). In this language:',
		news: 'News',
		projects: 'Projects',
		partners: 'Partners',
		otherLanguages: 'In the other languages and scripts:',
		jsonTitle: 'All content (JSON)',
		jsonIntro: 'Topics, partners, projects and news in both languages, in one file, in the format the portal imports and exports.',
		json: 'content.json',
		iatiTitle: 'Projects for aid transparency (IATI)',
		iatiIntro:
			'Our projects as IATI 2.03 activities, the standard donors and aid agencies report in: titles and descriptions in Serbian and English, funders and implementers, status, dates, budgets and sectors.',
		iati: 'iati-activities.xml',
		apiTitle: 'For developers',
		apiIntro: 'The same content, with search and filters, is in the open GraphQL API:',
		api: 'explore the API'
	},
	search: {
		title: 'Search',
		titleFor: 'Search: {q}',
		label: 'Search news, projects and partners',
		hint: 'Type in Cyrillic or Latin script; both find the same results.',
		button: 'Search',
		kinds: { NEWS: 'News', PROJECT: 'Projects', PARTNER: 'Partners' } satisfies Record<SearchKind, string>,
		kind: { NEWS: 'News', PROJECT: 'Project', PARTNER: 'Partner' } satisfies Record<SearchKind, string>,
		filter: 'Show only',
		topics: 'Topic',
		years: 'Year',
		count: { one: '{n} result', few: '{n} results', other: '{n} results' } satisfies Plural,
		countFor: '{count} for “{q}”',
		none: 'No results for “{q}”.',
		noneHint: 'Check the spelling, or try fewer or more general words.',
		didYouMean: 'Did you mean {q}?',
		snippetIn: { SR_CYRL: 'From the Serbian text', SR_LATN: 'From the Serbian text', EN: 'From the English text' },
		empty: 'Type a word to search news, projects and partners.',
		searching: 'Searching…',
		more: 'More results',
		results: 'Results'
	},
	errors: {
		notFoundTitle: 'Page not found',
		notFoundText: 'If you typed the web address, check it is correct. If you followed a link, the page may have moved or been removed.',
		goHome: 'Go to the home page',
		errorTitle: 'Sorry, something went wrong',
		network: 'The page could not be loaded. Check your internet connection and try again.',
		timeout: 'The page took too long to load. Your connection may be slow: try again.',
		rateLimited: 'Too many requests in a short time. Wait a moment, then try again.',
		server: 'The service is not working properly at the moment. Try again in a few minutes.',
		retry: 'Try again'
	}
};

export type Messages = typeof en;
