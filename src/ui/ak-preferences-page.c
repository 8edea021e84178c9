/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-preferences-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ak-preferences-page.h"

/* The settings a person may change, each bound to its GSettings key: the
 * page holds no state of its own. */
struct _AkPreferencesPage
{
  AdwPreferencesPage  parent_instance;

  /* Template children */
  GtkSpinButton      *expires_soon_spin;

  /* Owned references */
  GSettings          *settings;
};

G_DEFINE_FINAL_TYPE (AkPreferencesPage, ak_preferences_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
ak_preferences_page_constructed (GObject *object)
{
  AkPreferencesPage *self = AK_PREFERENCES_PAGE (object);

  G_OBJECT_CLASS (ak_preferences_page_parent_class)->constructed (object);

  g_assert (self->settings != NULL);
  g_settings_bind (self->settings, "expires-soon-days",
                   gtk_spin_button_get_adjustment (self->expires_soon_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
ak_preferences_page_dispose (GObject *object)
{
  AkPreferencesPage *self = AK_PREFERENCES_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AK_TYPE_PREFERENCES_PAGE);

  G_OBJECT_CLASS (ak_preferences_page_parent_class)->dispose (object);
}

static void
ak_preferences_page_finalize (GObject *object)
{
  AkPreferencesPage *self = AK_PREFERENCES_PAGE (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ak_preferences_page_parent_class)->finalize (object);
}

static void
ak_preferences_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AkPreferencesPage *self = AK_PREFERENCES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_preferences_page_class_init (AkPreferencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ak_preferences_page_constructed;
  object_class->dispose = ak_preferences_page_dispose;
  object_class->finalize = ak_preferences_page_finalize;
  object_class->set_property = ak_preferences_page_set_property;

  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/accesskeys/AccessKeys/"
                                               "ak-preferences-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AkPreferencesPage, expires_soon_spin);
}

static void
ak_preferences_page_init (AkPreferencesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ak_preferences_page_new:
 * @settings: the app's settings
 *
 * Returns: (transfer floating): a page that changes @settings
 */
GtkWidget *
ak_preferences_page_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (AK_TYPE_PREFERENCES_PAGE, "settings", settings, NULL);
}
