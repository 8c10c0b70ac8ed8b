import { messages } from '$lib/i18n';
import type { Locale } from '$lib/locale';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = ({ params }) => {
	const locale = params.locale as Locale;
	return { locale, t: messages(locale) };
};
