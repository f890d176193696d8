/* The floor of a workbook reader built on the libraries issue 16 allows:
 * unzip one part of an .xlsx with libzip, block by block as kpi does, and
 * hand it to expat or to libxml2's SAX2 push parser with handlers that
 * only count elements and text bytes ("none" unzips and parses nothing).
 * Whatever a reader does on top (cells, rows, numbers, output) comes on
 * top of this. */
#include <expat.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>

#define BLOCK (256 * 1024)

static long elements, text;

static void XMLCALL
expat_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    (void)ud, (void)name, (void)atts;
    elements++;
}

static void XMLCALL
expat_end(void *ud, const XML_Char *name)
{
    (void)ud, (void)name;
}

static void XMLCALL
expat_text(void *ud, const XML_Char *s, int len)
{
    (void)ud, (void)s;
    text += len;
}

static void
sax_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri, int n_ns,
          const xmlChar **ns, int n_atts, int n_defaulted, const xmlChar **atts)
{
    (void)ctx, (void)local, (void)prefix, (void)uri, (void)n_ns, (void)ns, (void)n_atts,
        (void)n_defaulted, (void)atts;
    elements++;
}

static void
sax_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    (void)ctx, (void)local, (void)prefix, (void)uri;
}

static void
sax_text(void *ctx, const xmlChar *s, int len)
{
    (void)ctx, (void)s;
    text += len;
}

int
main(int argc, char **argv)
{
    if (argc != 4 ||
        (strcmp(argv[1], "none") && strcmp(argv[1], "expat") && strcmp(argv[1], "libxml2"))) {
        fprintf(stderr, "usage: xmlfloor none|expat|libxml2 BOOK.xlsx PART\n");
        return 2;
    }
    int code;
    zip_t *z = zip_open(argv[2], ZIP_RDONLY, &code);
    zip_file_t *zf = z ? zip_fopen(z, argv[3], 0) : NULL;
    if (!zf) {
        fprintf(stderr, "xmlfloor: cannot open %s in %s\n", argv[3], argv[2]);
        return 1;
    }
    XML_Parser ep = NULL;
    xmlParserCtxtPtr xp = NULL;
    if (!strcmp(argv[1], "expat")) {
        ep = XML_ParserCreate(NULL);
        XML_SetElementHandler(ep, expat_start, expat_end);
        XML_SetCharacterDataHandler(ep, expat_text);
    } else if (!strcmp(argv[1], "libxml2")) {
        static xmlSAXHandler h;
        h.initialized = XML_SAX2_MAGIC;
        h.startElementNs = sax_start;
        h.endElementNs = sax_end;
        h.characters = sax_text;
        xp = xmlCreatePushParserCtxt(&h, NULL, NULL, 0, argv[3]);
        xmlCtxtUseOptions(xp, XML_PARSE_NONET | XML_PARSE_HUGE);
    }
    static char block[BLOCK];
    zip_int64_t n;
    int bad = 0;
    do {
        n = zip_fread(zf, block, BLOCK);
        if (n < 0)
            bad = 1;
        else if (ep)
            bad = XML_Parse(ep, block, (int)n, n == 0) != XML_STATUS_OK;
        else if (xp)
            bad = xmlParseChunk(xp, block, (int)n, n == 0) != 0;
    } while (n > 0 && !bad);
    if (bad) {
        fprintf(stderr, "xmlfloor: %s: not well-formed or unreadable\n", argv[3]);
        return 1;
    }
    printf("%ld elements, %ld bytes of text\n", elements, text);
    if (ep)
        XML_ParserFree(ep);
    if (xp)
        xmlFreeParserCtxt(xp);
    zip_fclose(zf);
    zip_close(z);
    return 0;
}
