/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The app's wording of dates and times, in one place: every window says a
 * date the same way, with a four-digit year and a month no locale can read
 * as a day. Each formats @when in the local time zone. */

char *ak_date_format_medium   (GDateTime *when);
char *ak_date_format_full     (GDateTime *when);
char *ak_date_format_relative (GDateTime *when,
                               GDateTime *now);

G_END_DECLS
