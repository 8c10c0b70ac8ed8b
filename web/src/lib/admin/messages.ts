// Every text of the editors' area, in Serbian Latin (the editors are the agency's staff).
// One file, so that it can be translated: replace the strings, keep the keys. `{name}`
// placeholders are filled by fmt() from lib/i18n; counts use plural() with sr-latn.
import type { Plural } from '../i18n';

export const m = {
	lang: 'sr-Latn',
	appName: 'Uređivanje portala',
	agency: 'Komesarijat za izbeglice i migracije',
	pageTitle: '{page} – Uređivanje portala',
	skip: 'Pređi na sadržaj',
	required: 'obavezno',
	errorPrefix: 'Greška:',

	nav: {
		label: 'Uređivanje',
		news: 'Vesti',
		projects: 'Projekti',
		partners: 'Partneri',
		users: 'Korisnici',
		audit: 'Dnevnik izmena',
		site: 'Javni sajt'
	},

	account: {
		label: 'Nalog',
		signedInAs: 'Prijavljeni ste kao',
		signOut: 'Odjavi se',
		signingOut: 'Odjavljivanje…',
		roles: { ADMIN: 'administrator', EDITOR: 'urednik' }
	},

	signIn: {
		title: 'Prijava za urednike',
		intro: 'Prijavite se nalogom koji vam je dodelio administrator portala.',
		email: 'E-pošta',
		password: 'Lozinka',
		submit: 'Prijavi se',
		busy: 'Prijavljivanje…',
		failed: 'E-pošta ili lozinka nisu tačni.',
		missing: 'Unesite e-poštu i lozinku.',
		rateLimited: 'Previše neuspelih pokušaja. Pokušajte ponovo za {n} s.',
		rateLimitedLater: 'Previše neuspelih pokušaja. Pokušajte ponovo malo kasnije.',
		forbidden: 'Prijava nije dozvoljena sa ove adrese. Otvorite portal preko njegove javne adrese.',
		expired: 'Niste prijavljeni ili je sesija istekla. Prijavite se da biste nastavili.',
		signedOut: 'Odjavljeni ste.'
	},

	sections: {
		news: {
			title: 'Vesti',
			new: 'Nova vest',
			edit: 'Izmena vesti',
			created: 'Vest je sačuvana kao nacrt.',
			publicPath: 'news'
		},
		projects: {
			title: 'Projekti',
			new: 'Novi projekat',
			edit: 'Izmena projekta',
			created: 'Projekat je sačuvan kao nacrt.',
			publicPath: 'projects'
		},
		partners: {
			title: 'Partneri',
			new: 'Novi partner',
			edit: 'Izmena partnera',
			created: 'Partner je sačuvan kao nacrt.',
			publicPath: 'partners'
		}
	},

	states: {
		DRAFT: 'Nacrt',
		SCHEDULED: 'Zakazano',
		PUBLISHED: 'Objavljeno',
		DELETED: 'Obrisano'
	},

	list: {
		filters: 'Filteri',
		state: 'Stanje',
		allStates: 'Sva stanja osim obrisanih',
		text: 'Naslov ili slug sadrži',
		apply: 'Primeni filtere',
		clear: 'Poništi filtere',
		count: { one: '{n} stavka', few: '{n} stavke', other: '{n} stavki' } satisfies Plural,
		title: 'Naslov',
		slug: 'Slug',
		changed: 'Poslednja izmena',
		publishAt: 'Objava',
		empty: 'Nema stavki koje odgovaraju filterima.',
		next: 'Sledeća strana',
		first: 'Na prvu stranu',
		byImport: 'uvoz'
	},

	form: {
		saved: 'Sačuvano.',
		save: 'Sačuvaj',
		saving: 'Čuvanje…',
		create: 'Sačuvaj kao nacrt',
		unsaved: 'Ima nesačuvanih izmena.',
		leave: 'Imate nesačuvane izmene. Da li želite da napustite stranicu bez čuvanja?',
		back: 'Nazad na listu',
		errorsTitle: 'Ispravite sledeće',
		errorsIntro: 'Stavka nije sačuvana.',
		conflict:
			'Neko drugi je u međuvremenu izmenio ovu stavku (sada je verzija {v}). Vaše izmene nisu sačuvane. Učitajte najnoviju verziju; ako želite da zadržite svoj tekst, prvo ga kopirajte.',
		conflictNoVersion:
			'Neko drugi je u međuvremenu izmenio ovu stavku. Vaše izmene nisu sačuvane. Učitajte najnoviju verziju; ako želite da zadržite svoj tekst, prvo ga kopirajte.',
		reload: 'Učitaj najnoviju verziju',
		reloaded: 'Učitana je najnovija verzija.',
		forbidden: 'Nemate dozvolu za ovu radnju.',
		notFound: 'Ova stavka više ne postoji.',
		rateLimited: 'Previše zahteva. Pokušajte ponovo za {n} s.',
		network: 'Server nije dostupan. Proverite vezu i pokušajte ponovo; vaš tekst je još u formularu.',
		timeout: 'Server nije odgovorio na vreme. Pokušajte ponovo; vaš tekst je još u formularu.',
		failed: 'Radnja nije uspela: {message}',
		restored: 'Vraćen je tekst koji niste stigli da sačuvate pre nego što je sesija istekla. Proverite ga i sačuvajte.',

		titleHint: 'Obavezno na srpskom ili engleskom (bolje oba).',
		slug: 'Slug (deo adrese)',
		slugHint: 'Mala slova bez dijakritika, brojevi i crtice. Predlaže se iz naslova; možete ga izmeniti.',
		slugHintExisting: 'Promena sluga menja adresu stavke na javnom sajtu.',
		suggestSlug: 'Predloži iz naslova',
		sr: 'Srpski (ćirilica ili latinica)',
		en: 'Engleski',
		latinLabel: 'Latinica:',
		cyrillicLabel: 'Ћирилица:',
		otherUnavailable: 'Drugo pismo trenutno nije dostupno.',
		listHint: 'Jedna stavka po redu.',

		write: 'Piši',
		preview: 'Pregled',
		previewOf: 'Pregled: {field}',
		previewEmpty: 'Nema teksta za pregled.',
		previewLoading: 'Učitavanje pregleda…',
		markdownHint: 'Markdown: **podebljano**, *kurziv*, [veza](https://…), ## podnaslov, - stavka liste.',

		insertImage: 'Umetni sliku',
		insertImageTitle: 'Slika u tekstu',
		imageAlt: 'Opis slike (alternativni tekst)',
		imageAltHint: 'Šta slika prikazuje, za one koji je ne vide. Obavezno.',
		imageAltMissing: 'Unesite opis slike pre otpremanja.',
		imageFile: 'Datoteka slike',
		imageFileHint: 'JPEG, PNG, WebP ili GIF, najviše 10 MB.',
		imageFileMissing: 'Izaberite datoteku slike.',
		uploadInsert: 'Otpremi i umetni',
		cancel: 'Otkaži',
		uploading: 'Otpremanje slike…',
		inserted: 'Slika je umetnuta u tekst.',

		cover: 'Naslovna slika',
		coverNone: 'Nema naslovne slike.',
		coverFile: 'Izaberite sliku',
		coverReplace: 'Zamenite sliku',
		coverRemove: 'Ukloni naslovnu sliku',
		coverAlt: 'Opis slike (alternativni tekst)',
		coverAltHint: 'Obavezan na srpskom ili engleskom (bolje oba).',
		coverUploaded: 'Slika je otpremljena. Unesite njen opis.',
		coverRemoved: 'Naslovna slika je uklonjena.',

		upload: {
			type: 'Ova vrsta datoteke nije dozvoljena: samo JPEG, PNG, WebP ili GIF.',
			size: 'Datoteka je veća od 10 MB.',
			empty: 'Datoteka je prazna.',
			unauthenticated: 'Sesija je istekla: prijavite se ponovo (u drugoj kartici), pa pokušajte opet.',
			forbidden: 'Nemate dozvolu za otpremanje slika.',
			rejected: 'Server nije prihvatio sliku: {message}',
			network: 'Slika nije otpremljena: server nije dostupan.'
		},

		add: 'Dodaj',
		addTo: 'Dodaj u „{list}”',
		choose: '— izaberite —',
		none: 'Ništa nije izabrano.',
		moveUp: 'Pomeri gore',
		moveDown: 'Pomeri dole',
		remove: 'Ukloni'
	},

	news: {
		title: 'Naslov',
		summary: 'Sažetak',
		summaryHint: 'Jedna ili dve rečenice, običan tekst, za liste i pretragu.',
		body: 'Tekst',
		topics: 'Teme',
		projects: 'Projekti na koje se vest odnosi',
		partners: 'Partneri pomenuti u vesti'
	},

	project: {
		title: 'Naziv',
		officialTitle: 'Zvanični naziv',
		officialTitleHint: 'Naziv iz dokumenata projekta; prazno ako je isti ili nepoznat.',
		summary: 'Sažetak',
		description: 'Opis',
		status: 'Faza',
		statuses: { PLANNED: 'Planiran', ONGOING: 'U toku', COMPLETED: 'Završen' },
		dates: 'Period sprovođenja',
		startDate: 'Početak',
		endDate: 'Kraj',
		datePrecision: 'Tačnost datuma',
		precisions: { DAY: 'Tačni dani', MONTH: 'Samo meseci', YEAR: 'Samo godine' },
		budget: 'Budžet',
		amount: 'Iznos',
		amountHint: 'Decimalni broj sa tačkom, bez razmaka: 49890.52',
		currency: 'Valuta',
		currencyHint: 'ISO 4217 kod: EUR, USD, GBP, RSD…',
		funders: 'Donatori',
		implementers: 'Realizatori',
		cooperatingPartners: 'Partneri u saradnji',
		partnersHint: 'Redosled je redosled prikaza.',
		areas: 'Oblasti (teme)',
		locations: 'Mesta i regioni',
		expectedResults: 'Očekivani rezultati',
		objectives: 'Opšti ciljevi',
		specificObjectives: 'Posebni ciljevi',
		targetGroups: 'Ciljne grupe',
		url: 'Adresa sa više podataka',
		urlHint: 'Stranica o projektu na drugom sajtu, http(s)://…',
		dacCodes: 'OECD DAC sektori (za IATI)',
		dacCodesHint: 'Petocifreni kodovi razdvojeni razmakom, npr. 15190 93010; bez kodova IATI fajl navodi 15190 (migracije i mobilnost).'
	},

	partner: {
		name: 'Naziv organizacije',
		acronym: 'Skraćenica',
		acronymHint: 'Na primer IOM; prazno ako je nema.',
		kind: 'Vrsta organizacije',
		kinds: {
			UN_AGENCY: 'Agencija UN',
			EU_INSTITUTION: 'Institucija EU',
			GOVERNMENT: 'Vlada ili državni organ',
			INTERNATIONAL_ORGANISATION: 'Međunarodna organizacija',
			NGO: 'Nevladina organizacija',
			DONOR: 'Donatorski fond ili fondacija',
			OTHER: 'Drugo'
		},
		website: 'Veb-sajt',
		websiteHint: 'http(s)://…',
		description: 'Kratak opis',
		descriptionHint: 'Običan tekst.'
	},

	editorial: {
		title: 'Objavljivanje',
		state: 'Stanje',
		version: 'Verzija',
		publishAt: 'Objava',
		created: 'Napravljeno',
		changed: 'Poslednja izmena',
		deleted: 'Obrisano',
		notYet: 'Stavka još nije sačuvana.',
		publishNow: 'Objavi odmah',
		saveAndPublish: 'Sačuvaj i objavi',
		schedule: 'Zakaži objavu',
		scheduleAt: 'Datum i vreme objave',
		scheduleHint: 'Po vašem vremenu ({zone}).',
		scheduleMissing: 'Unesite datum i vreme objave.',
		schedulePast: 'Zakazano vreme mora biti u budućnosti.',
		unpublish: 'Povuci sa sajta',
		delete: 'Obriši',
		confirmDelete: 'Obrisati ovu stavku? Javnost je više neće videti; administrator je može vratiti.',
		restore: 'Vrati (kao nacrt)',
		restoreAdminsOnly: 'Obrisanu stavku može da vrati administrator.',
		published: 'Objavljeno.',
		scheduled: 'Objava je zakazana za {when}.',
		unpublished: 'Stavka je povučena sa sajta i sada je nacrt.',
		deletedDone: 'Stavka je obrisana.',
		restoredDone: 'Stavka je vraćena kao nacrt.',
		viewPublic: 'Otvori na javnom sajtu',
		by: '{who}'
	},

	preview: {
		title: 'Pregled kako će je videti javnost',
		show: 'Prikaži pregled',
		hide: 'Sakrij pregled',
		hint: 'Pregled sačuvane verzije.',
		locale: 'Jezik pregleda',
		locales: { SR_CYRL: 'Ћирилица', SR_LATN: 'Latinica', EN: 'English' },
		loading: 'Učitavanje pregleda…',
		failed: 'Pregled nije dostupan.',
		published: 'Objavljeno',
		fallback: 'Nema teksta na ovom jeziku: prikazan je drugi jezik.'
	},

	users: {
		title: 'Korisnici',
		intro: 'Nalozi urednika. Onemogućen nalog ne može da se prijavi, a njegove sesije se završavaju.',
		email: 'E-pošta',
		role: 'Uloga',
		created: 'Napravljen',
		status: 'Stanje',
		active: 'Aktivan',
		disabled: 'Onemogućen od {when}',
		actions: 'Radnje',
		changeRole: 'Uloga za {email}',
		saveRole: 'Promeni ulogu',
		disable: 'Onemogući',
		enable: 'Omogući',
		you: '(vi)',
		newTitle: 'Novi nalog',
		password: 'Početna lozinka',
		passwordHint: 'Najmanje 12 znakova. Saopštite je uredniku bezbednim putem.',
		create: 'Napravi nalog',
		createdDone: 'Nalog {email} je napravljen.',
		updatedDone: 'Nalog {email} je izmenjen.',
		adminsOnly: 'Ovu stranicu vide samo administratori.'
	},

	audit: {
		title: 'Dnevnik izmena',
		intro: 'Ko je šta i kada menjao, najnovije prvo.',
		at: 'Vreme',
		user: 'Ko',
		action: 'Radnja',
		item: 'Stavka',
		version: 'Verzija',
		fields: 'Izmenjena polja',
		actions: {
			CREATE: 'napravio',
			UPDATE: 'izmenio',
			PUBLISH: 'objavio',
			SCHEDULE: 'zakazao',
			UNPUBLISH: 'povukao',
			DELETE: 'obrisao',
			RESTORE: 'vratio',
			CREATE_USER: 'napravio nalog',
			UPDATE_USER: 'izmenio nalog'
		},
		kinds: { NEWS: 'vest', PROJECT: 'projekat', PARTNER: 'partner' },
		unknownUser: 'nepoznat',
		onlyItem: 'Samo izmene jedne stavke.',
		allItems: 'Sve izmene',
		empty: 'Nema zapisa.',
		older: 'Starije izmene',
		newest: 'Najnovije izmene'
	},

	errors: {
		title: 'Greška',
		notFound: 'Stranica nije pronađena.',
		forbidden: 'Nemate dozvolu da vidite ovu stranicu.',
		server: 'Došlo je do greške na serveru. Pokušajte ponovo.',
		network: 'Server nije dostupan. Proverite vezu i pokušajte ponovo.',
		retry: 'Pokušaj ponovo',
		toNews: 'Na listu vesti'
	}
};

export type AdminMessages = typeof m;
