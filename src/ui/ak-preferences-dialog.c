/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-preferences-dialog"

#include "config.h"

/* This file may use libadwaita 1.5's AdwPreferencesDialog, each use behind
 * ADW_CHECK_VERSION (1, 5, 0). */
#undef ADW_VERSION_MAX_ALLOWED
#define ADW_VERSION_MAX_ALLOWED ADW_ENCODE_VERSION (1, 5, 0)

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ak-preferences-dialog.h"
#include "ak-preferences-page.h"

/* Preferences: an AdwPreferencesDialog over the window on libadwaita 1.5
 * and later, an AdwPreferencesWindow before (deprecated since 1.6). The
 * page (ak-preferences-page.c) is the same in both. */

/**
 * ak_preferences_dialog_present:
 * @parent: (nullable): the window it is for
 * @settings: the app's settings
 *
 * Shows Preferences. Each change applies at once.
 *
 * Returns: (transfer none): the dialog (an AdwPreferencesDialog) or window
 *   (an AdwPreferencesWindow), for tests
 */
GtkWidget *
ak_preferences_dialog_present (GtkWindow *parent,
                               GSettings *settings)
{
  GtkWidget *page;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  page = ak_preferences_page_new (settings);

#if ADW_CHECK_VERSION (1, 5, 0)
  {
    AdwDialog *dialog = ADW_DIALOG (adw_preferences_dialog_new ());

    adw_dialog_set_title (dialog, _("Preferences"));
    adw_preferences_dialog_add (ADW_PREFERENCES_DIALOG (dialog), ADW_PREFERENCES_PAGE (page));
    adw_dialog_present (dialog, parent != NULL ? GTK_WIDGET (parent) : NULL);

    return GTK_WIDGET (dialog);
  }
#else
  {
    GtkWidget *window = adw_preferences_window_new ();

    gtk_window_set_title (GTK_WINDOW (window), _("Preferences"));
    gtk_window_set_transient_for (GTK_WINDOW (window), parent);
    gtk_window_set_modal (GTK_WINDOW (window), parent != NULL);
    adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (window), FALSE);
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
    gtk_window_present (GTK_WINDOW (window));

    return window;
  }
#endif
}
