package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/agency/portal/store"
)

// export is `portal export [--to FILE]`: all content as JSON.
func export(args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	db := dbFlag(fs)
	to := fs.String("to", "-", "the JSON file to write; - for standard output")
	if done, err := parse(fs, args); done {
		return err
	}
	ctx := context.Background()
	st, err := openExisting(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	c, err := st.Export(ctx)
	if err != nil {
		return err
	}
	if *to == "-" {
		return c.Encode(os.Stdout)
	}
	f, err := os.Create(*to)
	if err != nil {
		return err
	}
	if err := c.Encode(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// importContent is `portal import --from FILE|-`: content JSON imported, all or nothing.
func importContent(args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	db := dbFlag(fs)
	from := fs.String("from", "", "the content JSON file to import; - for standard input")
	if done, err := parse(fs, args); done {
		return err
	}
	in := os.Stdin
	switch *from {
	case "":
		return errors.New("import: --from FILE is required (- for standard input)")
	case "-":
	default:
		f, err := os.Open(*from)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	c, err := store.DecodeContent(in)
	if err != nil {
		return err
	}
	ctx := context.Background()
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Import(ctx, c); err != nil {
		return err
	}
	fmt.Printf("imported %d topics, %d partners, %d projects, %d news items into %s\n",
		len(c.Topics), len(c.Partners), len(c.Projects), len(c.News), store.RedactDSN(*db))
	return nil
}
