// Fragments the list components render, shared by the pages' queries.
import { graphql } from './gql';

export const TopicRefFragment = graphql(`
	fragment TopicRef on Topic {
		slug
		name
	}
`);

export const PartnerRefFragment = graphql(`
	fragment PartnerRef on Partner {
		slug
		name
		acronym
	}
`);

export const NewsSummaryFragment = graphql(`
	fragment NewsSummary on NewsItem {
		slug
		title
		summary
		publishedAt
	}
`);

export const ProjectCardFragment = graphql(`
	fragment ProjectCard on Project {
		slug
		title
		summary
		status
		startDate
		endDate
		datePrecision
		budget {
			amount
			currency
		}
		funders {
			...PartnerRef
		}
		implementers {
			...PartnerRef
		}
	}
`);

export const CoverImageFragment = graphql(`
	fragment CoverImage on Image {
		url
		alt
		width
		height
		variants {
			url
			width
		}
	}
`);
