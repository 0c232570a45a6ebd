package cli

import (
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"rolo/app"
	"rolo/ui/api"
	"rolo/ui/request"
)

func contactsCommand(getenv func(string) string, stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{Use: "contacts", Short: "List, add and show contacts, as the operator or --as a user (for scripts)"}
	cmd.PersistentFlags().Bool("json", false, "print JSON in the API's shapes")
	addAsFlag(cmd)
	asJSON := func(cmd *cobra.Command) bool { v, _ := cmd.Flags().GetBool("json"); return v }
	str := func(cmd *cobra.Command, name string) string { v, _ := cmd.Flags().GetString(name); return v }
	strs := func(cmd *cobra.Command, name string) []string { v, _ := cmd.Flags().GetStringArray(name); return v }

	list := &cobra.Command{
		Use:   "list [--limit N] [--sort S] [--tag T] [--status S] [--cursor C]",
		Short: "List one page of contacts; the last line tells how to get the next",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAs(cmd, getenv, func(a *app.App, actor app.Actor) error {
				limit, _ := cmd.Flags().GetInt("limit")
				q := url.Values{"limit": {strconv.Itoa(limit)}}
				for _, name := range []string{"sort", "tag", "status", "cursor"} {
					q.Set(name, str(cmd, name))
				}
				if asJSON(cmd) {
					page, err := api.ListContacts(cmd.Context(), a, actor, q)
					if err != nil {
						return cliError(err)
					}
					return printJSON(stdout, page)
				}
				lq, err := request.RecordListQuery(cmd.Context(), a, actor, "contact", q)
				if err != nil {
					return cliError(err)
				}
				list, err := a.ListContacts(cmd.Context(), actor, lq)
				if err != nil {
					return cliError(err)
				}
				w := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
				fmt.Fprintln(w, "NAME\tEMAIL\tPHONE\tCOMPANY\tSTATUS\tTAGS")
				for _, r := range list.Rows {
					fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", r.DisplayName, r.Email, r.Phone, r.CompanyName, r.LifecycleStatus, joinTags(r.Tags))
				}
				w.Flush()
				fmt.Fprintf(stdout, "%d of %d contacts", len(list.Rows), list.Total)
				if list.NextCursor != "" {
					fmt.Fprintf(stdout, "; next page: --cursor %s", list.NextCursor)
				}
				_, err = fmt.Fprintln(stdout)
				return err
			})
		},
	}
	list.Flags().Int("limit", 50, "contacts per page, 1 to 500")
	list.Flags().String("sort", "name", "name, -name, created, -created, updated, -updated or owner")
	list.Flags().String("tag", "", "only contacts with this tag")
	list.Flags().String("status", "", "only contacts with this lifecycle status")
	list.Flags().String("cursor", "", "the next page, as printed by the previous one")

	add := &cobra.Command{
		Use:   "add --first-name F --last-name L [--email E]... [--phone P]... [--tag T]...",
		Short: "Add a contact",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			in := app.ContactInput{
				FirstName: str(cmd, "first-name"), LastName: str(cmd, "last-name"), CompanyID: str(cmd, "company-id"),
				Title: str(cmd, "title"), LifecycleStatus: str(cmd, "status"), Notes: str(cmd, "notes"), Tags: strs(cmd, "tag"),
			}
			for _, e := range strs(cmd, "email") {
				in.Emails = append(in.Emails, app.Labeled{Value: e})
			}
			for _, p := range strs(cmd, "phone") {
				in.Phones = append(in.Phones, app.Labeled{Value: p})
			}
			return runAs(cmd, getenv, func(a *app.App, actor app.Actor) error {
				c, err := a.CreateContact(cmd.Context(), actor, in)
				if err != nil {
					return cliError(err)
				}
				if asJSON(cmd) {
					return printJSON(stdout, api.NewContactJSON(c))
				}
				_, err = fmt.Fprintf(stdout, "Added %s (%s)\n", c.DisplayName, c.ID)
				return err
			})
		},
	}
	for _, f := range []struct{ name, usage string }{{"first-name", "first name"}, {"last-name", "last name"},
		{"company-id", "id of the contact's company"}, {"title", "job title"}, {"status", "lifecycle status (default lead)"}, {"notes", "notes"}} {
		add.Flags().String(f.name, "", f.usage)
	}
	add.Flags().StringArray("email", nil, "email address (repeat for more; the first is the primary)")
	add.Flags().StringArray("phone", nil, "phone number (repeat for more)")
	add.Flags().StringArray("tag", nil, "tag (repeat for more)")

	show := &cobra.Command{
		Use:   "show ID",
		Short: "Show one contact",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAs(cmd, getenv, func(a *app.App, actor app.Actor) error {
				c, err := a.Contact(cmd.Context(), actor, args[0])
				if err != nil {
					return cliError(err)
				}
				if asJSON(cmd) {
					return printJSON(stdout, api.NewContactJSON(c))
				}
				return printContact(stdout, c)
			})
		},
	}
	cmd.AddCommand(list, add, show)
	return cmd
}

func printContact(stdout io.Writer, c app.Contact) error {
	w := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fact := func(label, value string) {
		if value != "" {
			fmt.Fprintf(w, "%s\t%s\n", label, value)
		}
	}
	fact("name", c.DisplayName)
	fact("id", c.ID)
	for _, e := range c.Emails {
		fact("email", strings.TrimSpace(e.Value+" "+e.Label))
	}
	for _, p := range c.Phones {
		fact("phone", strings.TrimSpace(p.Value+" "+p.Label))
	}
	fact("title", c.Title)
	fact("company id", c.CompanyID)
	fact("status", c.LifecycleStatus)
	fact("owner id", c.OwnerID)
	fact("tags", joinTags(c.Tags))
	fact("birthday", c.Birthday)
	fact("website", c.Website)
	fact("lead source", c.LeadSource)
	fact("updated", c.UpdatedAt.Local().Format("2006-01-02 15:04")+fmt.Sprintf(" (version %d)", c.Version))
	if c.Trashed() {
		fact("trashed", c.DeletedAt.Local().Format("2006-01-02 15:04"))
	}
	w.Flush()
	if c.Notes != "" {
		fmt.Fprintf(stdout, "\n%s\n", c.Notes)
	}
	return nil
}

func joinTags(tags []app.Tag) string {
	names := make([]string, len(tags))
	for i, t := range tags {
		names[i] = t.Name
	}
	return strings.Join(names, ", ")
}
