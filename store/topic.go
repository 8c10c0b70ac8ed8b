package store

import (
	"context"

	"github.com/uptrace/bun"
)

// Topic is a thematic area that news items and projects are filed under.
type Topic struct {
	bun.BaseModel `bun:"table:topics,alias:topic"`

	ID     int64  `bun:",pk,autoincrement"`
	Slug   string `bun:",notnull"`
	SrName string `bun:",notnull"`
	EnName string `bun:",notnull"`

	Name      string `bun:"-"` // served in Locale
	Locale    Locale `bun:"-"`
	requested Locale
}

func (t *Topic) localize(want Locale) *Topic {
	out := *t
	out.requested = want
	out.Name, out.Locale = serve(t.SrName, t.EnName, func(s string) bool { return s != "" }, want,
		func(s string, f func(string) string) string { return f(s) })
	return &out
}

// GlobalID is the topic's global object ID.
func (t *Topic) GlobalID() string { return globalID(kindTopic, t.ID) }

// Topics lists every topic, by slug.
func (s *Store) Topics(ctx context.Context, locale Locale) ([]*Topic, error) {
	var topics []*Topic
	if err := s.read.NewSelect().Model(&topics).Order("slug").Scan(ctx); err != nil {
		return nil, err
	}
	return localizeAll(topics, locale), nil
}

func localizeAll[T interface{ localize(Locale) T }](items []T, locale Locale) []T {
	out := make([]T, len(items))
	for i, it := range items {
		out[i] = it.localize(locale)
	}
	return out
}

// topicsOf loads, in one statement, the topics of several news items or projects.
func (s *Store) topicsOf(ctx context.Context, link, parentCol string, parents []int64, locale Locale) (map[int64][]*Topic, error) {
	var rows []struct {
		Topic  `bun:",extend"`
		Parent int64
	}
	err := s.read.NewSelect().Model((*Topic)(nil)).ColumnExpr("topic.*, l."+parentCol+" AS parent").
		Join("JOIN "+link+" AS l ON l.topic_id = topic.id").
		Where("l."+parentCol+" IN (?)", bun.In(parents)).Order("topic.slug").Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	out := map[int64][]*Topic{}
	for i := range rows {
		out[rows[i].Parent] = append(out[rows[i].Parent], rows[i].Topic.localize(locale))
	}
	return out, nil
}

// TopicsOfNews loads the topics of several news items.
func (s *Store) TopicsOfNews(ctx context.Context, news []int64, locale Locale) (map[int64][]*Topic, error) {
	return s.topicsOf(ctx, "news_topics", "news_id", news, locale)
}

// TopicsOfProjects loads the areas (topics) of several projects.
func (s *Store) TopicsOfProjects(ctx context.Context, projects []int64, locale Locale) (map[int64][]*Topic, error) {
	return s.topicsOf(ctx, "project_topics", "project_id", projects, locale)
}
