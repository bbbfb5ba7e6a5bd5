/*
 * bench/seqclient.c -- sequential HTTP/1.1 client for the callgrind bench.
 *
 *   seqclient PORT N [--close] [--expect-body STR]
 *
 * Without --close: ONE keep-alive connection, N requests sent one after the
 * other, each response read completely (headers + Content-Length body)
 * before the next request is sent.
 * With --close: N connections, one request each ("Connection: close"),
 * each response read until EOF.
 *
 * Every response must be "HTTP/1.1 200" with the expected body (default
 * "hello world\n"), otherwise exit status 1.  Socket timeouts: 10 s.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static int
connect_to (int port)
{
  struct sockaddr_in sa;
  struct timeval tv = { 10, 0 };
  int one = 1;
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
  {
    perror ("socket");
    return -1;
  }
  setsockopt (fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof (tv));
  setsockopt (fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof (tv));
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof (one));
  memset (&sa, 0, sizeof (sa));
  sa.sin_family = AF_INET;
  sa.sin_port = htons ((unsigned short) port);
  sa.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (0 != connect (fd, (struct sockaddr *) &sa, sizeof (sa)))
  {
    perror ("connect");
    close (fd);
    return -1;
  }
  return fd;
}

static int
send_all (int fd, const char *buf, size_t len)
{
  while (len > 0)
  {
    ssize_t w = send (fd, buf, len, MSG_NOSIGNAL);
    if (w < 0)
    {
      if (EINTR == errno)
        continue;
      perror ("send");
      return -1;
    }
    buf += w;
    len -= (size_t) w;
  }
  return 0;
}

/* Reads one response. Keep-alive: exactly headers + Content-Length bytes
   (no pipelining, so nothing else may follow). Close: until EOF. */
static int
read_response (int fd, int until_eof, const char *expect_body)
{
  static char buf[65536];
  size_t have = 0;
  char *hend = NULL;
  long clen = -1;
  size_t need = 0;

  for (;;)
  {
    ssize_t r;
    if (NULL != hend)
    {
      if (! until_eof && (have >= need))
        break;
    }
    if (have >= sizeof (buf) - 1)
    {
      fprintf (stderr, "response too large\n");
      return -1;
    }
    r = recv (fd, buf + have, sizeof (buf) - 1 - have, 0);
    if (r < 0)
    {
      if (EINTR == errno)
        continue;
      perror ("recv");
      return -1;
    }
    if (0 == r)
    {
      if (until_eof && (NULL != hend))
        break;
      fprintf (stderr, "unexpected EOF (have %zu bytes)\n", have);
      return -1;
    }
    have += (size_t) r;
    buf[have] = '\0';
    if (NULL == hend)
    {
      hend = strstr (buf, "\r\n\r\n");
      if (NULL != hend)
      {
        char *p = buf;
        hend += 4;
        while (p < hend)
        {
          char *eol = strstr (p, "\r\n");
          if ((NULL == eol) || (eol >= hend))
            break;
          if (0 == strncasecmp (p, "Content-Length:", 15))
            clen = strtol (p + 15, NULL, 10);
          p = eol + 2;
        }
        if (clen < 0 && ! until_eof)
        {
          fprintf (stderr, "no Content-Length in keep-alive response\n");
          return -1;
        }
        need = (size_t) (hend - buf) + (size_t) (clen < 0 ? 0 : clen);
      }
    }
  }
  if (0 != strncmp (buf, "HTTP/1.1 200 ", 13))
  {
    fprintf (stderr, "bad status line: %.40s\n", buf);
    return -1;
  }
  {
    size_t blen = have - (size_t) (hend - buf);
    if ((clen >= 0) && ((size_t) clen != blen))
    {
      fprintf (stderr, "body length %zu != Content-Length %ld\n", blen, clen);
      return -1;
    }
    if ((strlen (expect_body) != blen) ||
        (0 != memcmp (hend, expect_body, blen)))
    {
      fprintf (stderr, "unexpected body (%zu bytes)\n", blen);
      return -1;
    }
  }
  return 0;
}

int
main (int argc, char **argv)
{
  int port, n, close_mode = 0;
  const char *expect = "hello world\n";
  static const char req_ka[] =
    "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: seqclient\r\n"
    "Accept: */*\r\n\r\n";
  static const char req_close[] =
    "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: seqclient\r\n"
    "Accept: */*\r\nConnection: close\r\n\r\n";

  if (argc < 3)
  {
    fprintf (stderr, "usage: %s PORT N [--close] [--expect-body STR]\n",
             argv[0]);
    return 2;
  }
  port = atoi (argv[1]);
  n = atoi (argv[2]);
  for (int i = 3; i < argc; i++)
  {
    if (0 == strcmp (argv[i], "--close"))
      close_mode = 1;
    else if ((0 == strcmp (argv[i], "--expect-body")) && (i + 1 < argc))
      expect = argv[++i];
    else
    {
      fprintf (stderr, "bad argument %s\n", argv[i]);
      return 2;
    }
  }

  if (close_mode)
  {
    for (int i = 0; i < n; i++)
    {
      int fd = connect_to (port);
      if (fd < 0)
        return 1;
      if ((0 != send_all (fd, req_close, sizeof (req_close) - 1)) ||
          (0 != read_response (fd, 1, expect)))
      {
        fprintf (stderr, "request %d failed\n", i);
        close (fd);
        return 1;
      }
      close (fd);
    }
  }
  else
  {
    int fd = connect_to (port);
    if (fd < 0)
      return 1;
    for (int i = 0; i < n; i++)
    {
      if ((0 != send_all (fd, req_ka, sizeof (req_ka) - 1)) ||
          (0 != read_response (fd, 0, expect)))
      {
        fprintf (stderr, "request %d failed\n", i);
        close (fd);
        return 1;
      }
    }
    close (fd);
  }
  return 0;
}
