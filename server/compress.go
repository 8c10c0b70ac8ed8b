package server

import (
	"io"
	"net/http"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
)

// compressMinBytes is the size from which a /graphql answer is compressed: below it, the
// headers and the compressor's framing cost more than they save.
const compressMinBytes = 1024

// brotliLevel is brotli's quality for answers made per request: 5 compresses about as well
// as gzip's best, several times faster than brotli's best.
const brotliLevel = 5

// compress sends answers of compressMinBytes or more gzip- or brotli-encoded, as the
// request's Accept-Encoding allows, and smaller ones plain. It holds back only the first
// compressMinBytes of an answer and then streams (a Flush reaches the client), and leaves
// alone an answer that already has a Content-Encoding.
func compress(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		encoding := acceptedEncoding(r.Header.Get("Accept-Encoding"))
		if encoding == "" {
			next.ServeHTTP(w, r)
			return
		}
		cw := &compressWriter{ResponseWriter: w, encoding: encoding, status: http.StatusOK}
		defer cw.close()
		next.ServeHTTP(cw, r)
	})
}

// encodingFor is the content coding compress gives an answer of n bytes to r: "br",
// "gzip", or "" for none.
func encodingFor(r *http.Request, n int) string {
	if n < compressMinBytes {
		return ""
	}
	return acceptedEncoding(r.Header.Get("Accept-Encoding"))
}

// compressWriter holds the status and the first bytes of an answer until it knows
// whether the answer is large enough to compress, then writes through an encoder or
// plainly.
type compressWriter struct {
	http.ResponseWriter
	encoding string // the coding the client accepts
	status   int
	held     []byte
	decided  bool
	encoder  encoder // nil when sending plainly
}

// encoder is what gzip.Writer and brotli.Writer have in common.
type encoder interface {
	io.WriteCloser
	Flush() error
	Reset(io.Writer)
}

func (cw *compressWriter) WriteHeader(status int) {
	if cw.decided {
		return
	}
	if status >= 100 && status < 200 {
		cw.ResponseWriter.WriteHeader(status) // informational: passed on, the answer follows
		return
	}
	cw.status = status
}

func (cw *compressWriter) Write(p []byte) (int, error) {
	if !cw.decided {
		cw.held = append(cw.held, p...)
		if len(cw.held) >= compressMinBytes {
			if err := cw.decide(); err != nil {
				return 0, err
			}
		}
		return len(p), nil
	}
	if cw.encoder != nil {
		return cw.encoder.Write(p)
	}
	return cw.ResponseWriter.Write(p)
}

// Flush sends what is held now, compressed only if it is already large enough.
func (cw *compressWriter) Flush() {
	if !cw.decided {
		cw.decide()
	}
	if cw.encoder != nil {
		cw.encoder.Flush()
	}
	http.NewResponseController(cw.ResponseWriter).Flush()
}

func (cw *compressWriter) Unwrap() http.ResponseWriter { return cw.ResponseWriter }

// decide sends the headers, compressed when the held bytes reach the threshold, the
// status carries a body and nothing encoded the answer already, then the held bytes.
func (cw *compressWriter) decide() error {
	cw.decided = true
	h := cw.Header()
	if len(cw.held) >= compressMinBytes && bodyAllowed(cw.status) && h.Get("Content-Encoding") == "" {
		h.Set("Content-Encoding", cw.encoding)
		h.Del("Content-Length")
		cw.encoder = getEncoder(cw.encoding, cw.ResponseWriter)
	}
	cw.ResponseWriter.WriteHeader(cw.status)
	held := cw.held
	cw.held = nil
	if len(held) == 0 {
		return nil
	}
	var err error
	if cw.encoder != nil {
		_, err = cw.encoder.Write(held)
	} else {
		_, err = cw.ResponseWriter.Write(held)
	}
	return err
}

// close sends what is still held and ends the encoded stream.
func (cw *compressWriter) close() {
	if !cw.decided {
		cw.decide()
	}
	if cw.encoder != nil {
		cw.encoder.Close()
		putEncoder(cw.encoding, cw.encoder)
		cw.encoder = nil
	}
}

func bodyAllowed(status int) bool {
	return status != http.StatusNoContent && status != http.StatusNotModified
}

var (
	gzipWriters   sync.Pool
	brotliWriters sync.Pool
)

func getEncoder(encoding string, w io.Writer) encoder {
	pool, fresh := &gzipWriters, func() encoder { return gzip.NewWriter(w) }
	if encoding == "br" {
		pool, fresh = &brotliWriters, func() encoder { return brotli.NewWriterLevel(w, brotliLevel) }
	}
	if e, ok := pool.Get().(encoder); ok {
		e.Reset(w)
		return e
	}
	return fresh()
}

func putEncoder(encoding string, e encoder) {
	e.Reset(io.Discard) // let go of the response writer
	if encoding == "br" {
		brotliWriters.Put(e)
	} else {
		gzipWriters.Put(e)
	}
}
