package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// mediaRow is a row of the media table: an uploaded image, who uploaded it and when.
type mediaRow struct {
	bun.BaseModel `bun:"table:media,alias:media"`

	ID        int64          `bun:",pk,autoincrement"`
	Name      string         `bun:",notnull"`
	Type      string         `bun:",notnull"`
	Width     int            `bun:",notnull"`
	Height    int            `bun:",notnull"`
	Bytes     int64          `bun:",notnull"`
	Variants  []ImageVariant `bun:",notnull,type:json"`
	CreatedBy *int64         `bun:",nullzero"`
	CreatedAt time.Time      `bun:",notnull"`
}

// SaveImage records an uploaded image, uploaded by the user with ID by (0 for none). The
// name says the content, so an image already recorded under its name is left as it is
// (with its first uploader): saving it again is not an error.
func (s *Store) SaveImage(ctx context.Context, f *ImageFile, by int64) error {
	row := &mediaRow{
		Name: f.Name, Type: f.Type, Width: f.Width, Height: f.Height, Bytes: f.Bytes,
		Variants: f.Variants, CreatedAt: s.clock(),
	}
	if row.Variants == nil {
		row.Variants = []ImageVariant{}
	}
	if by != 0 {
		row.CreatedBy = &by
	}
	_, err := s.write.NewInsert().Model(row).On("CONFLICT (name) DO NOTHING").Exec(ctx)
	return err
}

// Image returns the uploaded image with a name, or ErrNotFound.
func (s *Store) Image(ctx context.Context, name string) (*ImageFile, error) {
	var row mediaRow
	if err := s.read.NewSelect().Model(&row).Where("name = ?", name).Scan(ctx); err != nil {
		return nil, notFound(err)
	}
	return &ImageFile{
		Name: row.Name, Type: row.Type, Width: row.Width, Height: row.Height,
		Bytes: row.Bytes, Variants: row.Variants,
	}, nil
}

// imageIn reads an uploaded image's description in a transaction, or ErrNotFound.
func imageIn(ctx context.Context, db bun.IDB, name string) (*ImageFile, error) {
	f := new(ImageFile)
	var variants string
	err := db.QueryRowContext(ctx, "SELECT name, type, width, height, bytes, variants FROM media WHERE name = ?", name).
		Scan(&f.Name, &f.Type, &f.Width, &f.Height, &f.Bytes, &variants)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	} else if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(variants), &f.Variants); err != nil {
		return nil, fmt.Errorf("store: media %s: %w", name, err)
	}
	return f, nil
}
