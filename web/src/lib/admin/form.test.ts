import { describe, expect, it } from 'vitest';
import {
	emptyNews,
	emptyPartner,
	emptyProject,
	lines,
	newsForm,
	newsInput,
	partnerInput,
	projectForm,
	projectInput,
	slugSource
} from './form';
import type { AdminNewsFragment, AdminProjectFragment } from './gql/graphql';

const editorial = {
	state: 'DRAFT' as const,
	version: 3,
	publishAt: null,
	createdAt: '2025-01-01T10:00:00Z',
	changedAt: '2025-01-02T10:00:00Z',
	changedBy: 'urednik@example.gov.rs',
	deletedAt: null
};

describe('newsInput', () => {
	it('trims one-line texts, keeps Markdown as written but its trailing space, and sends null for an empty slug', () => {
		const f = emptyNews();
		f.title = { sr: '  Азил у Србији ', en: '' };
		f.summary = { sr: 'Кратко.\r\n', en: ' Short. ' };
		f.body = { sr: '  Први пасус.\r\n\r\n- ставка\n\n', en: '' };
		f.topics = ['asylum'];
		expect(newsInput(f)).toEqual({
			slug: null,
			title: { sr: 'Азил у Србији', en: '' },
			summary: { sr: 'Кратко.', en: ' Short.' },
			body: { sr: '  Први пасус.\n\n- ставка', en: '' },
			topics: ['asylum'],
			projects: [],
			partners: [],
			cover: null
		});
	});

	it('sends the cover by name with its alt text', () => {
		const f = emptyNews();
		f.slug = ' azil ';
		f.cover = { name: '3f9ac2e1b07d4a55', url: '/media/3f9ac2e1b07d4a55.jpg', alt: { sr: ' Зграда ', en: 'A building' } };
		const input = newsInput(f);
		expect(input.slug).toBe('azil');
		expect(input.cover).toEqual({ name: '3f9ac2e1b07d4a55', alt: { sr: 'Зграда', en: 'A building' } });
	});

	it('round-trips a source', () => {
		const s: AdminNewsFragment = {
			id: 'TmV3c0l0ZW06MQ',
			slug: 'azil',
			label: 'Азил',
			editorial,
			title: { sr: 'Азил', en: 'Asylum' },
			summary: { sr: 'Сажетак', en: 'Summary' },
			body: { sr: 'Текст', en: 'Text' },
			topics: ['asylum'],
			projects: ['p'],
			partners: ['iom', 'unhcr'],
			cover: { name: 'abc', url: '/media/abc.jpg', alt: { sr: 'Опис', en: 'Alt' } }
		};
		const input = newsInput(newsForm(s));
		expect(input).toEqual({
			slug: 'azil',
			title: s.title,
			summary: s.summary,
			body: s.body,
			topics: ['asylum'],
			projects: ['p'],
			partners: ['iom', 'unhcr'],
			cover: { name: 'abc', alt: { sr: 'Опис', en: 'Alt' } }
		});
	});
});

describe('projectInput', () => {
	it('turns lines into lists, empty dates and URL into null, and keeps the amount a decimal string', () => {
		const f = emptyProject();
		f.title = { sr: 'Projekat', en: 'Project' };
		f.status = 'ONGOING';
		f.startDate = '2024-03-01';
		f.datePrecision = 'MONTH';
		f.budget = { amount: ' 49 890.52 ', currency: 'eur' };
		f.funders = ['eu', 'british-embassy-belgrade'];
		f.locations = { sr: 'Beograd\n\n  Subotica \r\nNiš', en: '' };
		const input = projectInput(f);
		expect(input.budget).toEqual({ amount: '49890.52', currency: 'EUR' });
		expect(input.startDate).toBe('2024-03-01');
		expect(input.endDate).toBeNull();
		expect(input.url).toBeNull();
		expect(input.locations).toEqual({ sr: ['Beograd', 'Subotica', 'Niš'], en: [] });
		expect(input.funders).toEqual(['eu', 'british-embassy-belgrade']);
		expect(input.datePrecision).toBe('MONTH');
	});

	it('sends no budget without an amount', () => {
		const f = emptyProject();
		expect(f.budget.currency).toBe('EUR');
		expect(projectInput(f).budget).toBeNull();
	});

	it('round-trips a source', () => {
		const s: AdminProjectFragment = {
			id: 'UHJvamVjdDox',
			slug: 'p',
			label: 'P',
			editorial,
			title: { sr: 'P', en: 'P' },
			officialTitle: { sr: '', en: 'Official' },
			summary: { sr: 's', en: 'e' },
			description: { sr: 'd', en: '' },
			status: 'COMPLETED',
			startDate: '2020-01-01',
			endDate: '2021-12-31',
			datePrecision: 'DAY',
			budget: { amount: '224725', currency: 'GBP' },
			funders: ['a'],
			implementers: ['b'],
			cooperatingPartners: [],
			areas: ['asylum'],
			locations: { sr: ['Beograd', 'Niš'], en: ['Belgrade'] },
			expectedResults: { sr: [], en: [] },
			objectives: { sr: ['cilj'], en: [] },
			specificObjectives: { sr: [], en: [] },
			targetGroups: { sr: [], en: ['refugees'] },
			url: 'https://example.org/p',
			dacCodes: ['15190', '93010'],
			cover: null
		};
		const f = projectForm(s);
		expect(f.locations.sr).toBe('Beograd\nNiš');
		const input = projectInput(f);
		expect(input.locations).toEqual(s.locations);
		expect(input.budget).toEqual(s.budget);
		expect(input.url).toBe(s.url);
		expect(input.endDate).toBe('2021-12-31');
		expect(f.dacCodes).toBe('15190 93010');
		expect(input.dacCodes).toEqual(['15190', '93010']);
	});

	it('splits DAC codes at spaces, commas and semicolons', () => {
		const f = emptyProject();
		expect(projectInput(f).dacCodes).toEqual([]);
		f.dacCodes = ' 15190, 93010;72010\n';
		expect(projectInput(f).dacCodes).toEqual(['15190', '93010', '72010']);
	});
});

describe('partnerInput', () => {
	it('sends null for an empty acronym and website', () => {
		const f = emptyPartner();
		f.name = { sr: '', en: 'International Organization for Migration' };
		f.kind = 'UN_AGENCY';
		expect(partnerInput(f)).toEqual({
			slug: null,
			name: { sr: '', en: 'International Organization for Migration' },
			acronym: null,
			kind: 'UN_AGENCY',
			website: null,
			description: { sr: '', en: '' }
		});
		f.acronym = ' IOM ';
		f.website = 'https://www.iom.int';
		expect(partnerInput(f)).toMatchObject({ acronym: 'IOM', website: 'https://www.iom.int' });
	});
});

describe('helpers', () => {
	it('lines', () => {
		expect(lines('')).toEqual([]);
		expect(lines(' a \n\nb\r\nc\rd ')).toEqual(['a', 'b', 'c', 'd']);
	});
	it('slugSource prefers Serbian', () => {
		expect(slugSource({ sr: ' Вест ', en: 'News' })).toBe('Вест');
		expect(slugSource({ sr: ' ', en: ' News ' })).toBe('News');
	});
});
