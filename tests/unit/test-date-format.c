/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-date-format"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ak-date-format.h"

/* Dates as a person reads them in four locales: a four-digit year and the
 * month in words, so "03/02/27" never comes back. The app's translations are
 * not bound here, so each locale's own pattern (ak-date-format.c) is what is
 * checked; build-aux/install-deps.sh installs the locales (locales-all). */

typedef struct
{
  const char *locale;
  const char *medium;
  const char *full;
} Expected;

static const Expected expected[] = {
  { "en_US.UTF-8", "Mar 2, 2027", "March 2, 2027, 2:05 PM" },
  { "de_DE.UTF-8", "2. März 2027", "2. März 2027, 14:05" },
  { "zh_CN.UTF-8", "2027年3月2日", "2027年3月2日 14:05" },
  { "ja_JP.UTF-8", "2027年3月2日", "2027年3月2日 14:05" },
};

static GDateTime *
utc (int year,
     int month,
     int day,
     int hour,
     int minute)
{
  return g_date_time_new_utc (year, month, day, hour, minute, 0);
}

static void
set_locale (const char *locale)
{
  if (setlocale (LC_ALL, locale) == NULL)
    g_error ("The locale %s is not installed (build-aux/install-deps.sh installs "
             "locales-all)", locale);
}

static void
test_locale (gconstpointer data)
{
  const Expected *e = data;
  g_autoptr(GDateTime) when = utc (2027, 3, 2, 14, 5);
  g_autoptr(GDateTime) late_in_year = utc (2031, 12, 24, 9, 0);
  g_autofree char *medium = NULL;
  g_autofree char *full = NULL;
  g_autofree char *other = NULL;

  set_locale (e->locale);

  medium = ak_date_format_medium (when);
  full = ak_date_format_full (when);
  g_assert_cmpstr (medium, ==, e->medium);
  g_assert_cmpstr (full, ==, e->full);

  /* The year has its four digits on another date too. */
  other = ak_date_format_medium (late_in_year);
  g_assert_nonnull (strstr (other, "2031"));
  g_assert_null (strstr (other, "/"));

  setlocale (LC_ALL, "C.UTF-8");
}

static void
test_relative (void)
{
  g_autoptr(GDateTime) now = utc (2027, 3, 2, 12, 0);
  g_autoptr(GDateTime) in_20_days = g_date_time_add_days (now, 20);
  g_autoptr(GDateTime) days_ago = g_date_time_add_days (now, -3);
  g_autoptr(GDateTime) tonight = utc (2027, 3, 2, 23, 59);
  g_autoptr(GDateTime) this_morning = utc (2027, 3, 2, 0, 1);
  g_autoptr(GDateTime) tomorrow = utc (2027, 3, 3, 0, 0);
  g_autoptr(GDateTime) yesterday = utc (2027, 3, 1, 23, 59);
  g_autoptr(GDateTime) next_year = utc (2028, 3, 2, 12, 0);
  struct {
    GDateTime  *when;
    const char *wording;
  } cases[] = {
    { in_20_days, "in 20 days" },
    { days_ago, "3 days ago" },
    { tonight, "today" },
    { this_morning, "today" },
    { tomorrow, "tomorrow" },
    { yesterday, "yesterday" },
    /* Across a leap day. */
    { next_year, "in 366 days" },
  };

  set_locale ("en_US.UTF-8");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *wording = ak_date_format_relative (cases[i].when, now);

      g_assert_cmpstr (wording, ==, cases[i].wording);
    }

  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  /* Days are counted in the local time zone: make it one with no DST. */
  g_setenv ("TZ", "UTC", TRUE);
  /* The built translations are not looked for: the locales' patterns are. */
  bindtextdomain (GETTEXT_PACKAGE, "/nonexistent");

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *path = g_strdup_printf ("/date-format/%s", expected[i].locale);

      g_test_add_data_func (path, &expected[i], test_locale);
    }
  g_test_add_func ("/date-format/relative", test_relative);

  return g_test_run ();
}
