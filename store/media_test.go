package store

import (
	"context"
	"database/sql"
	"errors"
	"reflect"
	"testing"
	"time"
)

func TestSaveImage(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	s.SetClock(func() time.Time { return time.Date(2025, 3, 4, 5, 6, 7, 8, time.FixedZone("CET", 3600)) })
	ana, _ := s.CreateUser(ctx, "ana@example.gov.rs", goodPassword, RoleEditor)
	marko, _ := s.CreateUser(ctx, "marko@example.gov.rs", goodPassword, RoleEditor)
	f := &ImageFile{Name: "3f9ac2e1b07d4a55", Type: "image/jpeg", Width: 1200, Height: 800, Bytes: 123456,
		Variants: []ImageVariant{{480, 320, "3f9ac2e1b07d4a55-480.jpg"}, {960, 640, "3f9ac2e1b07d4a55-960.jpg"}}}
	small := &ImageFile{Name: "0000000000000001", Type: "image/png", Width: 10, Height: 10, Bytes: 99}

	if err := s.SaveImage(ctx, f, ana.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveImage(ctx, f, marko.ID); err != nil {
		t.Fatalf("saving the same image again: %v", err)
	}
	if err := s.SaveImage(ctx, small, 0); err != nil {
		t.Fatal(err)
	}
	for _, want := range []*ImageFile{f, {Name: small.Name, Type: small.Type, Width: 10, Height: 10, Bytes: 99, Variants: []ImageVariant{}}} {
		got, err := s.Image(ctx, want.Name)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Image(%s) = %+v, want %+v", want.Name, got, want)
		}
	}
	if _, err := s.Image(ctx, "ffffffffffffffff"); !errors.Is(err, ErrNotFound) {
		t.Errorf("an unknown name: %v, want ErrNotFound", err)
	}

	var by sql.NullInt64
	var created, variants string
	s.read.QueryRowContext(ctx, "SELECT created_by, created_at, variants FROM media WHERE name = ?", f.Name).Scan(&by, &created, &variants)
	if by.Int64 != ana.ID {
		t.Errorf("created_by = %v, want the first uploader %d", by, ana.ID)
	}
	if created != "2025-03-04 04:06:07+00:00" {
		t.Errorf("created_at = %q, want UTC to the second", created)
	}
	if want := `[{"width":480,"height":320,"file":"3f9ac2e1b07d4a55-480.jpg"},{"width":960,"height":640,"file":"3f9ac2e1b07d4a55-960.jpg"}]`; variants != want {
		t.Errorf("variants = %s, want %s", variants, want)
	}

	if _, err := s.write.ExecContext(ctx, "DELETE FROM users WHERE id = ?", ana.ID); err != nil {
		t.Fatal(err)
	}
	s.read.QueryRowContext(ctx, "SELECT created_by FROM media WHERE name = ?", f.Name).Scan(&by)
	if by.Valid {
		t.Errorf("created_by = %v after the user was deleted, want NULL", by)
	}
	if _, err := s.Image(ctx, f.Name); err != nil {
		t.Errorf("the image outlives its uploader: %v", err)
	}
}
