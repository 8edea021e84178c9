/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AK_TYPE_PREFERENCES_PAGE (ak_preferences_page_get_type ())

G_DECLARE_FINAL_TYPE (AkPreferencesPage, ak_preferences_page, AK, PREFERENCES_PAGE,
                      AdwPreferencesPage)

GtkWidget *ak_preferences_page_new (GSettings *settings);

G_END_DECLS
