/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-insecure-banner"

#include "config.h"

/* This file alone may use libadwaita 1.3's AdwBanner, and only behind
 * ADW_CHECK_VERSION (1, 3, 0); on 1.2 a revealer with a line of text
 * stands in for it. */
#undef ADW_VERSION_MAX_ALLOWED
#define ADW_VERSION_MAX_ALLOWED ADW_ENCODE_VERSION (1, 3, 0)

#include <glib/gi18n.h>

#include "ak-insecure-banner.h"

/* A warning across the top of the window for as long as the account shown
 * signs in over an unencrypted connection, which the person allowed for it
 * in the sign-in dialog: its password and keys cross the network readable.
 * It follows the account, so an edit that makes the address https takes it
 * away. */
struct _AkInsecureBanner
{
  GtkWidget  parent_instance;

  /* Children: an AdwBanner (1.3+), or a GtkRevealer around a label (1.2) */
  GtkWidget *banner;
  GtkWidget *label;

  /* Owned references */
  AkAccount *account;
};

G_DEFINE_FINAL_TYPE (AkInsecureBanner, ak_insecure_banner, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_REVEALED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static gboolean
is_unencrypted (AkAccount *account)
{
  g_autofree char *scheme = NULL;

  if (account == NULL || !ak_account_get_allow_unencrypted (account))
    return FALSE;

  scheme = g_uri_parse_scheme (ak_account_get_auth_url (account));

  return scheme != NULL && g_ascii_strcasecmp (scheme, "http") == 0;
}

static void
set_revealed (AkInsecureBanner *self,
              gboolean          revealed)
{
  if (ak_insecure_banner_get_revealed (self) == revealed)
    return;

#if ADW_CHECK_VERSION (1, 3, 0)
  adw_banner_set_revealed (ADW_BANNER (self->banner), revealed);
#else
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->banner), revealed);
#endif

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REVEALED]);
}

static void
update (AkInsecureBanner *self)
{
  set_revealed (self, is_unencrypted (self->account));
}

static void
account_changed_cb (AkInsecureBanner *self,
                    GParamSpec       *pspec,
                    AkAccount        *account)
{
  update (self);
}

static void
ak_insecure_banner_dispose (GObject *object)
{
  AkInsecureBanner *self = (AkInsecureBanner *)object;

  if (self->account != NULL)
    g_signal_handlers_disconnect_by_data (self->account, self);
  g_clear_object (&self->account);
  g_clear_pointer (&self->banner, gtk_widget_unparent);

  G_OBJECT_CLASS (ak_insecure_banner_parent_class)->dispose (object);
}

static void
ak_insecure_banner_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AkInsecureBanner *self = AK_INSECURE_BANNER (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    case PROP_REVEALED:
      g_value_set_boolean (value, ak_insecure_banner_get_revealed (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_insecure_banner_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AkInsecureBanner *self = AK_INSECURE_BANNER (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      ak_insecure_banner_set_account (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ak_insecure_banner_class_init (AkInsecureBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ak_insecure_banner_dispose;
  object_class->get_property = ak_insecure_banner_get_property;
  object_class->set_property = ak_insecure_banner_set_property;

  properties [PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL,
                         AK_TYPE_ACCOUNT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "akinsecurebanner");
}

static void
ak_insecure_banner_init (AkInsecureBanner *self)
{
  const char *title = _("This account’s connection is not encrypted. Anyone on the network "
                        "could read its password and keys.");

#if ADW_CHECK_VERSION (1, 3, 0)
  self->banner = adw_banner_new (title);
#else
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Warning"),
                                  -1);
  self->label = gtk_label_new (title);
  gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0.0);
  gtk_widget_set_hexpand (self->label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), self->label);
  gtk_widget_add_css_class (box, "banner");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  self->banner = gtk_revealer_new ();
  gtk_revealer_set_child (GTK_REVEALER (self->banner), box);
#endif

  gtk_widget_set_parent (self->banner, GTK_WIDGET (self));
}

GtkWidget *
ak_insecure_banner_new (void)
{
  return g_object_new (AK_TYPE_INSECURE_BANNER, NULL);
}

/**
 * ak_insecure_banner_get_account:
 * @self: an #AkInsecureBanner
 *
 * Returns: (transfer none) (nullable): the account shown
 */
AkAccount *
ak_insecure_banner_get_account (AkInsecureBanner *self)
{
  g_return_val_if_fail (AK_IS_INSECURE_BANNER (self), NULL);

  return self->account;
}

/**
 * ak_insecure_banner_set_account:
 * @self: an #AkInsecureBanner
 * @account: (nullable): the account the window shows, or %NULL
 *
 * Shows the warning while @account signs in over plain http.
 */
void
ak_insecure_banner_set_account (AkInsecureBanner *self,
                                AkAccount        *account)
{
  g_return_if_fail (AK_IS_INSECURE_BANNER (self));
  g_return_if_fail (account == NULL || AK_IS_ACCOUNT (account));

  if (self->account == account)
    return;

  if (self->account != NULL)
    g_signal_handlers_disconnect_by_data (self->account, self);

  g_set_object (&self->account, account);

  if (account != NULL)
    {
      g_signal_connect_object (account, "notify::allow-unencrypted",
                               G_CALLBACK (account_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (account, "notify::auth-url",
                               G_CALLBACK (account_changed_cb), self, G_CONNECT_SWAPPED);
    }

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ACCOUNT]);
}

/**
 * ak_insecure_banner_get_revealed:
 * @self: an #AkInsecureBanner
 *
 * Returns: whether the warning is shown
 */
gboolean
ak_insecure_banner_get_revealed (AkInsecureBanner *self)
{
  g_return_val_if_fail (AK_IS_INSECURE_BANNER (self), FALSE);

#if ADW_CHECK_VERSION (1, 3, 0)
  return adw_banner_get_revealed (ADW_BANNER (self->banner));
#else
  return gtk_revealer_get_reveal_child (GTK_REVEALER (self->banner));
#endif
}

/**
 * ak_insecure_banner_get_title:
 * @self: an #AkInsecureBanner
 *
 * Returns: (transfer none): the warning's words
 */
const char *
ak_insecure_banner_get_title (AkInsecureBanner *self)
{
  g_return_val_if_fail (AK_IS_INSECURE_BANNER (self), NULL);

#if ADW_CHECK_VERSION (1, 3, 0)
  return adw_banner_get_title (ADW_BANNER (self->banner));
#else
  return gtk_label_get_text (GTK_LABEL (self->label));
#endif
}
