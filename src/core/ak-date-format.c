/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-date-format"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ak-date-format.h"

/* A date such as "Mar 2, 2027": the Expires column, the create dialog. */
char *
ak_date_format_medium (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  local = g_date_time_to_local (when);

  /* Translators: a date with a short month and a four-digit year, in the
   * format of g_date_time_format(): "Mar 2, 2027" in English. Write it the
   * way your language does, keeping the four-digit year (%Y) and a month
   * that cannot be read as a day: "%-d. %b %Y" (de), "%-d %b %Y" (fr, es),
   * "%-d de %b de %Y" (pt_BR), "%Y年%-m月%-d日" (ja, zh_CN, zh_TW),
   * "%Y. %-m. %-d." (ko). %b is the locale's short month name, %-d the day
   * and %-m the month as numbers without a leading zero. */
  return g_date_time_format (local, _("%b %-d, %Y"));
}

/* A date and time such as "March 2, 2027, 2:05 PM": tooltips, details and
 * the History. */
char *
ak_date_format_full (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  local = g_date_time_to_local (when);

  /* Translators: a date and time, in the format of g_date_time_format():
   * "March 2, 2027, 2:05 PM" in English. Keep the four-digit year (%Y) and
   * use your language's clock: "%-d. %B %Y, %H:%M" (de), "%-d %B %Y à %H:%M"
   * (fr), "%Y年%-m月%-d日 %H:%M" (ja, zh_CN), "%Y년 %-m월 %-d일 %p %-l:%M"
   * (ko). %B is the full month name, %H:%M the 24-hour time, %-l:%M %p the
   * 12-hour time with AM or PM. */
  return g_date_time_format (local, _("%B %-d, %Y, %-l:%M %p"));
}

/* How far @when is from @now in calendar days of the local time zone:
 * "today", "tomorrow", "in 20 days", "yesterday", "3 days ago". @now is
 * passed in so that a test can fix it. */
char *
ak_date_format_relative (GDateTime *when,
                         GDateTime *now)
{
  g_autoptr(GDateTime) local_when = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GDate) day_when = NULL;
  g_autoptr(GDate) day_now = NULL;
  int days;

  g_return_val_if_fail (when != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  /* Both in @now's time zone, so that "today" is the user's today. */
  local_now = g_date_time_to_local (now);
  local_when = g_date_time_to_timezone (when, g_date_time_get_timezone (local_now));

  day_when = g_date_new_dmy (g_date_time_get_day_of_month (local_when),
                             g_date_time_get_month (local_when),
                             g_date_time_get_year (local_when));
  day_now = g_date_new_dmy (g_date_time_get_day_of_month (local_now),
                            g_date_time_get_month (local_now),
                            g_date_time_get_year (local_now));
  days = g_date_days_between (day_now, day_when);

  if (days == 0)
    /* Translators: a date relative to now, e.g. in a key's expiry. */
    return g_strdup (C_("relative date", "today"));
  if (days == 1)
    /* Translators: a date relative to now, e.g. in a key's expiry. */
    return g_strdup (C_("relative date", "tomorrow"));
  if (days == -1)
    /* Translators: a date relative to now, e.g. in a key's expiry. */
    return g_strdup (C_("relative date", "yesterday"));
  if (days > 0)
    /* Translators: a date relative to now, e.g. in a key's expiry;
     * %u is a number of days, 2 or more. */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %u day", "in %u days",
                                         (gulong) days),
                            (guint) days);

  /* Translators: a date relative to now, e.g. in a key's expiry;
   * %u is a number of days, 2 or more. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day ago", "%u days ago",
                                       (gulong) -days),
                          (guint) -days);
}
