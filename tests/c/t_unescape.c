/* MHD_OPTION_UNESCAPE_CALLBACK: the application's decoder replaces the built-in %XX
 * decoding for the URL path and GET arguments ('+' is still turned into a space first). */
#include "harness.h"
#include <ctype.h>
#include <string.h>

static char seen[512];

/* Upper-cases, keeps %XX as is, and cuts everything after a '!' (shortening in place). */
static size_t
shout (void *cls, struct MHD_Connection *c, char *s)
{
  (void) cls;
  HX_CHECK (NULL != c, "connection given to the unescape callback");
  strncat (seen, "[", sizeof (seen) - strlen (seen) - 1);
  strncat (seen, s, sizeof (seen) - strlen (seen) - 1);
  strncat (seen, "]", sizeof (seen) - strlen (seen) - 1);
  for (char *p = s; *p; p++)
  {
    if ('!' == *p)
    {
      *p = 0;
      break;
    }
    *p = (char) toupper ((unsigned char) *p);
  }
  return strlen (s);
}

static enum MHD_Result
arg (void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
  (void) kind;
  char *out = cls;
  size_t n = strlen (out);
  snprintf (out + n, 512 - n, " %s=%s", key, value ? value : "(null)");
  return MHD_YES;
}

static enum MHD_Result
handler (void *cls, struct MHD_Connection *c, const char *url,
         const char *method, const char *version, const char *upload_data,
         size_t *upload_data_size, void **con_cls)
{
  (void) cls; (void) method; (void) version; (void) upload_data;
  (void) upload_data_size;
  if (NULL == *con_cls)
  {
    *con_cls = c;
    return MHD_YES;
  }
  char body[512];
  snprintf (body, sizeof (body), "%s", url);
  MHD_get_connection_values (c, MHD_GET_ARGUMENT_KIND, arg, body);
  struct MHD_Response *r = MHD_create_response_from_buffer (strlen (body), body,
                                                            MHD_RESPMEM_MUST_COPY);
  enum MHD_Result ret = MHD_queue_response (c, 200, r);
  MHD_destroy_response (r);
  return ret;
}

int
main (void)
{
  struct MHD_OptionItem o[] = {
    { MHD_OPTION_UNESCAPE_CALLBACK, (intptr_t) shout, NULL },
    { MHD_OPTION_END, 0, NULL }
  };
  struct hx_server s = { 0 };
  if (0 != hx_start (&s, MHD_USE_ERROR_LOG, HX_SELECT, handler, NULL, o))
    return 1;
  HX_CASE ("unescape-callback");
  hx_exchange ("shout", s.port,
               "GET /a%20b!cut?x=1%2B&y=a+b&flag HTTP/1.1\r\nHost: h\r\n\r\n",
               "HTTP/1.1 200 OK\r\nDate: <D>\r\nContent-Length: 31\r\n\r\n"
               "/A%20B X=1%2B Y=A B FLAG=(null)", 0);
  HX_EXPECT_STR ("strings given to the callback", seen,
                 "[x][1%2B][y][a b][flag][/a%20b!cut]");
  hx_stop (&s);
  return hx_done ();
}
